import {
  budget,
  fail,
  goal,
  invariant,
  ms,
  outages,
  plural,
  receivedBefore,
  sends,
  type Check,
  type RunResult,
} from '@playground/scenario';

const THRESHOLD = 30;
/** An alert must reach the pager's way this soon after the first hot reading of a spell was taken. */
const ALERT_MS = 300;
/** The dashboard may show a reading at most this old (the sensors send one every 100 ms). */
const FRESH_MS = 400;
/** The processor's fixed speed: one update per 10 ms. */
const MAX_UPDATES_PER_S = 100;

interface Reading {
  sensor: string;
  seq: number;
  temperature: number;
  t: number;
}
interface Spell {
  sensor: string;
  first: Reading;
  last: Reading;
}
interface Update {
  t: number;
  sensor: string;
  seq: number;
  temperature: number;
  id: string;
}
interface Model {
  readings: Map<string, Reading>;
  spells: Spell[];
  updates: Update[];
  alerts: { t: number; sensor: string; id: string }[];
  sensors: string[];
}

const models = new WeakMap<object, Model>();
const key = (sensor: string, seq: number) => `${sensor}#${seq}`;

function model(run: RunResult): Model {
  const cached = models.get(run.trace);
  if (cached) return cached;
  const m: Model = {
    readings: new Map(),
    spells: [],
    updates: [],
    alerts: [],
    sensors: run.nodes.filter((n) => n.role === 'sensor').map((n) => n.id),
  };
  const bySensor = new Map<string, Reading[]>();
  for (const s of sends(run, { type: 'emit', from: (id) => m.sensors.includes(id) })) {
    const d = (s.message.body as unknown as { data: Reading }).data;
    const r = { sensor: d.sensor, seq: d.seq, temperature: d.temperature, t: s.t };
    m.readings.set(key(r.sensor, r.seq), r);
    bySensor.set(r.sensor, [...(bySensor.get(r.sensor) ?? []), r]);
  }
  for (const list of bySensor.values()) {
    let spell: Spell | undefined;
    for (const r of list) {
      if (r.temperature >= THRESHOLD) {
        if (spell) spell.last = r;
        else m.spells.push((spell = { sensor: r.sensor, first: r, last: r }));
      } else spell = undefined;
    }
  }
  for (const s of sends(run, { from: 'processor', to: 'dashboard', type: 'update' })) {
    const b = s.message.body as { sensor?: unknown; seq?: unknown; temperature?: unknown };
    m.updates.push({
      t: s.t,
      sensor: String(b.sensor),
      seq: Number(b.seq),
      temperature: Number(b.temperature),
      id: s.message.id,
    });
  }
  for (const s of sends(run, { from: 'processor', to: 'pager', type: 'alert' }))
    m.alerts.push({
      t: s.t,
      sensor: String((s.message.body as { sensor?: unknown }).sensor),
      id: s.message.id,
    });
  models.set(run.trace, m);
  return m;
}

/** When the processor was paused, so a bound starts again once it resumes. */
function readyAfter(run: RunResult, t: number, bound: number): number {
  let ready = t;
  for (const o of outages(run, 'processor'))
    if (o.kind !== 'partition' && o.from <= ready + bound && o.to > ready) ready = o.to;
  return ready;
}

/** Did the processor receive this reading (an event carrying it) by time t? */
function received(run: RunResult, t: number, r: { sensor: string; seq: number }): boolean {
  return receivedBefore(run, 'processor', t, { type: 'event' }).some((d) => {
    const data = (d.message.body as { data?: { sensor?: unknown; seq?: unknown } }).data;
    return data?.sensor === r.sensor && data.seq === r.seq;
  });
}

export default [
  invariant('the dashboard shows real readings, and a sensor’s never goes back', (run) => {
    const m = model(run);
    const last = new Map<string, Update>();
    for (const u of m.updates) {
      const reading = m.readings.get(key(u.sensor, u.seq));
      if (!reading || reading.temperature !== u.temperature || !received(run, u.t, u))
        return fail(
          `at ${ms(u.t)} the processor showed ${u.sensor} #${u.seq} at ${u.temperature} degrees, which is not a ` +
            `reading it had received: send the reading (sensor, seq, temperature) as the event carried it.`,
          { at: u.t, nodes: ['processor', 'dashboard'], messages: [u.id] },
        );
      const before = last.get(u.sensor);
      if (before && u.seq <= before.seq)
        return fail(
          `at ${ms(u.t)} the dashboard went back: it showed ${u.sensor} #${u.seq} ` +
            `${u.seq === before.seq ? 'again, after' : 'after'} #${before.seq} ` +
            `(shown at ${ms(before.t)}). The links deliver some events twice and some late: drop an event ` +
            `whose seq is not newer than the one you have for that sensor.`,
          { at: u.t, nodes: ['processor', 'dashboard'], messages: [before.id, u.id] },
        );
      last.set(u.sensor, u);
    }
    return true;
  }),

  goal(`the dashboard stays fresh: no reading shown is older than ${FRESH_MS} ms`, (run) => {
    const m = model(run);
    for (const sensor of m.sensors) {
      const updates = m.updates.filter((u) => u.sensor === sensor);
      let i = -1;
      for (let t = 1000; t <= 19_000; t += 50) {
        while (i + 1 < updates.length && updates[i + 1]!.t <= t) i++;
        if (readyAfter(run, t - FRESH_MS, FRESH_MS) > t - FRESH_MS) continue; // paused around then
        const shown = i >= 0 ? m.readings.get(key(sensor, updates[i]!.seq)) : undefined;
        const age = shown ? t - shown.t : Infinity;
        if (age <= FRESH_MS) continue;
        const what = shown ? `#${shown.seq}, taken at ${ms(shown.t)} (${ms(age)} old)` : 'nothing yet';
        return fail(
          `at ${ms(t)} the dashboard showed ${sensor}: ${what}, though ${sensor} had sent newer readings. ` +
            `A processor that works through every event in arrival order falls behind in a storm: show a ` +
            `sensor's newest reading and skip the ones it overtook.`,
          { at: t, nodes: ['processor', 'dashboard', sensor] },
        );
      }
    }
    return true;
  }),

  goal(`an alert goes out within ${ALERT_MS} ms of each hot spell, even in a storm`, (run) => {
    const m = model(run);
    for (const spell of m.spells) {
      const from = readyAfter(run, spell.first.t, ALERT_MS);
      const alert = m.alerts.find((a) => a.sensor === spell.sensor && a.t >= spell.first.t);
      if (alert && alert.t <= from + ALERT_MS) continue;
      const when = alert ? `the first alert about it went out at ${ms(alert.t)}` : 'no alert went out';
      return fail(
        `${spell.sensor} crossed ${THRESHOLD} degrees at ${ms(spell.first.t)} (#${spell.first.seq}, ` +
          `${spell.first.temperature} degrees) and ${when}: page as a hot event arrives, not after the ` +
          `events queued before it.`,
        { at: from + ALERT_MS, nodes: [spell.sensor, 'processor', 'pager'] },
      );
    }
    return true;
  }),

  invariant('one alert per hot spell, and only for a hot reading received', (run) => {
    const m = model(run);
    for (const a of m.alerts) {
      const hot = [...m.readings.values()].some(
        (r) => r.sensor === a.sensor && r.temperature >= THRESHOLD && r.t <= a.t && received(run, a.t, r),
      );
      if (!hot)
        return fail(
          `at ${ms(a.t)} the processor paged about ${a.sensor}, which had sent it no hot reading.`,
          {
            at: a.t,
            nodes: ['processor', 'pager'],
            messages: [a.id],
          },
        );
    }
    for (const spell of m.spells) {
      const next = m.spells.find((s) => s.sensor === spell.sensor && s.first.t > spell.first.t);
      const paged = m.alerts.filter(
        (a) => a.sensor === spell.sensor && a.t >= spell.first.t && a.t < (next?.first.t ?? Infinity),
      );
      if (paged.length > 1)
        return fail(
          `${plural(paged.length, 'alert')} went out for ${spell.sensor}'s hot spell from ` +
            `${ms(spell.first.t)} to ${ms(spell.last.t)}: page once per spell (stay quiet about a sensor ` +
            `for a while after paging), not once per hot reading or duplicate.`,
          { at: paged[1]!.t, nodes: ['processor', 'pager'], messages: paged.slice(0, 2).map((a) => a.id) },
        );
    }
    return true;
  }),

  budget(
    'dashboard updates in the busiest second',
    (run) => {
      const times = model(run).updates.map((u) => u.t);
      let peak = 0;
      let at = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= 1000) j++;
        if (i - j + 1 > peak) [peak, at] = [i - j + 1, times[i]!];
      }
      return { value: peak, detail: `(the second ending at ${ms(at)}; 10 ms of work each)`, at };
    },
    { unit: 'updates per second', atMost: MAX_UPDATES_PER_S, reference: 86, digits: 0 },
  ),

  budget(
    'mean age of what the dashboard shows',
    (run) => {
      const m = model(run);
      const ages: number[] = [];
      for (const sensor of m.sensors) {
        const updates = m.updates.filter((u) => u.sensor === sensor);
        let i = -1;
        for (let t = 1000; t <= 19_000; t += 50) {
          while (i + 1 < updates.length && updates[i + 1]!.t <= t) i++;
          const shown = i >= 0 ? m.readings.get(key(sensor, updates[i]!.seq)) : undefined;
          ages.push(shown ? t - shown.t : 19_000);
        }
      }
      return ages.reduce((a, b) => a + b, 0) / ages.length;
    },
    { unit: 'ms', atMost: 150, reference: 87, digits: 0 },
  ),
] satisfies Check[];
