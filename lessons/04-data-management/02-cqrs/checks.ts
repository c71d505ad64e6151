import {
  budget,
  eventsOf,
  exchanges,
  fail,
  faultsNear,
  goal,
  invariant,
  ms,
  outages,
  percentile,
  receivedBefore,
  sends,
} from '@playground/scenario';
import type { Check, Exchange, Json, RunResult } from '@playground/scenario';

/** Every answer must reflect all events older than this much time with the reader up and connected. */
const STALENESS_MS = 2000;
/** The client waits this long for an answer to a query (see roles/client.ts). */
const QUERY_TIMEOUT_MS = 500;
const OPTIONS = ['cats', 'dogs', 'birds'];

interface VoteEvent {
  seq: number;
  voter: string;
  option: string;
  previous: string | null;
}

function field(body: Json | undefined, name: string): Json | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body[name] : undefined;
}

/** The writer's committed events, by sequence number, with the time each was written to its log. */
function committed(run: RunResult): { events: VoteEvent[]; at: number[] } {
  const events: VoteEvent[] = [];
  const at: number[] = [];
  for (const s of eventsOf(run, 'storage')) {
    if (s.node !== 'writer' || !s.key.startsWith('event-') || s.value === undefined) continue;
    const event = s.value as unknown as VoteEvent;
    if (events[event.seq - 1] === undefined) {
      events[event.seq - 1] = event;
      at[event.seq - 1] = s.t;
    }
  }
  return { events, at };
}

function tallyOf(events: VoteEvent[], upTo: number): Record<string, number> {
  const tally: Record<string, number> = Object.fromEntries(OPTIONS.map((o) => [o, 0]));
  for (const event of events.slice(0, upTo)) {
    tally[event.option] = (tally[event.option] ?? 0) + 1;
    if (event.previous !== null) tally[event.previous] = (tally[event.previous] ?? 0) - 1;
  }
  return tally;
}

function sameTally(a: Record<string, number>, b: Record<string, number>): boolean {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

function show(tally: Record<string, number>): string {
  return Object.entries(tally)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** Time in [from, to] when the reader was up and could hear from the writer. */
function connectedTime(run: RunResult, from: number, to: number): number {
  const gaps = [
    ...outages(run, 'reader', ['crash', 'pause']),
    ...outages(run, 'writer', ['partition']).filter((o) => o.peer === 'reader'),
  ]
    .map((g) => ({ from: Math.max(g.from, from), to: Math.min(g.to, to) }))
    .filter((g) => g.to > g.from)
    .sort((a, b) => a.from - b.from);
  let lost = 0;
  let reach = from;
  for (const g of gaps) {
    const start = Math.max(g.from, reach);
    if (g.to > start) lost += g.to - start;
    reach = Math.max(reach, g.to);
  }
  return to - from - lost;
}

/** The reader's answers to `results`: when, the exchange, what it claimed. */
interface Answer {
  t: number;
  id: string;
  asOf: number;
  tally: Record<string, number>;
}

function answers(run: RunResult): Answer[] {
  return sends(run, { type: 'results_ok', from: 'reader' }).map(({ t, message }) => ({
    t,
    id: message.id,
    asOf: Number(field(message.body, 'asOf') ?? 0),
    tally: (field(message.body, 'tally') ?? {}) as Record<string, number>,
  }));
}

/** When the reader's current incarnation began, as of `t` (0, or its last restart). */
function bootOf(run: RunResult, t: number): number {
  return (
    eventsOf(run, 'restart')
      .filter((r) => r.node === 'reader' && r.t <= t)
      .pop()?.t ?? 0
  );
}

/**
 * The longest run 1..n of events the reader had been sent by the writer and received from `from` until `to`
 * (`strict`: before `to`; else at `to` too, for what arrived at the same virtual ms as the answer). Pushed
 * `event`s count, and the first answer to each `events_since` (an rpc takes its first reply; a copy the
 * network duplicated reaches no handler).
 */
function heardPrefix(run: RunResult, from: number, to: number, strict: boolean): number {
  const seqs = new Set<number>();
  const answered = new Set<string>();
  const received = receivedBefore(run, 'reader', to, { from: 'writer', after: from }).reverse();
  for (const d of received) {
    if (strict && d.t >= to) continue;
    if (d.message.type === 'event') seqs.add(Number(field(d.message.body, 'seq')));
    const request = d.message.inReplyTo;
    const batch = field(d.message.body, 'events');
    if (request === undefined || answered.has(request) || !Array.isArray(batch)) continue;
    answered.add(request);
    for (const e of batch) seqs.add(Number(field(e, 'seq')));
  }
  let n = 0;
  while (seqs.has(n + 1)) n += 1;
  return n;
}

/** Whether the reader crashed or was paused at some point while a query sent at `t` waited for its answer. */
function readerStopped(run: RunResult, t: number): boolean {
  return outages(run, 'reader', ['crash', 'pause']).some((o) => o.from < t + QUERY_TIMEOUT_MS && o.to > t);
}

function queries(run: RunResult): Exchange[] {
  return exchanges(run, { type: 'results', from: 'client' });
}

export default [
  goal('reads stay available, partition included', (run) => {
    const all = queries(run);
    if (all.length === 0) return 'the client sent no query';
    const missed = all.filter(
      (x) => (x.latency === undefined || x.latency > QUERY_TIMEOUT_MS) && !readerStopped(run, x.sentAt),
    );
    if (missed.length === 0) return true;
    const first = missed[0]!;
    const cut = isCutOffFromWriter(run, first.sentAt);
    return fail(
      `${missed.length} of ${all.length} queries got no answer within ${ms(QUERY_TIMEOUT_MS)} while the reader was ` +
        `running, the first sent at ${ms(first.sentAt)}${cut ? ', while the reader was cut off from the writer' : ''}.` +
        `${faultsNear(run, first.sentAt)} The read side answers from its own model, at once, whatever the writer's state: ` +
        `that is what lets reads stay up when the write side is out of reach.`,
      { at: first.sentAt, nodes: ['reader'], messages: [first.request.id] },
    );
  }),

  invariant('every answer is exactly the events 1..asOf', (run) => {
    const { events } = committed(run);
    for (const a of answers(run)) {
      if (!Number.isInteger(a.asOf) || a.asOf < 0 || a.asOf > events.length) {
        return fail(
          `at ${ms(a.t)} the reader answered as of event ${a.asOf}, but the writer had ${events.length} events in all`,
          { at: a.t, nodes: ['reader'], messages: [a.id] },
        );
      }
      const expected = tallyOf(events, a.asOf);
      if (!sameTally(a.tally, expected)) {
        return fail(
          `at ${ms(a.t)} the reader answered {${show(a.tally)}} as of event ${a.asOf}, but events 1..${a.asOf} ` +
            `give {${show(expected)}}: some events were lost, applied twice or applied out of order`,
          { at: a.t, nodes: ['reader'], messages: [a.id] },
        );
      }
    }
    return true;
  }),

  invariant('every answer reflects the events the reader had received', (run) => {
    for (const a of answers(run)) {
      const boot = bootOf(run, a.t);
      const since = boot > 0 ? ` since its restart at ${ms(boot)}` : '';
      const prefix = heardPrefix(run, boot, a.t, false);
      if (a.asOf > prefix) {
        return fail(
          `at ${ms(a.t)} the reader answered as of event ${a.asOf}, but${since} it had received events 1..${prefix} ` +
            `only${prefix < a.asOf ? ` (event ${prefix + 1} never reached it)` : ''}: an answer can only reflect ` +
            `events that arrived, in this incarnation`,
          { at: a.t, nodes: ['reader'], messages: [a.id] },
        );
      }
      const before = heardPrefix(run, boot, a.t, true);
      if (a.asOf < before) {
        return fail(
          `at ${ms(a.t)} the reader answered as of event ${a.asOf}, but${since} it had already received every event ` +
            `up to ${before}: apply events as they arrive (parking early ones), so answers are as fresh as what the ` +
            `reader knows`,
          { at: a.t, nodes: ['reader'], messages: [a.id] },
        );
      }
    }
    return true;
  }),

  invariant(`answers are at most ${STALENESS_MS} ms stale`, (run) => {
    const { at } = committed(run);
    for (const a of answers(run)) {
      const boot = bootOf(run, a.t);
      let required = 0;
      for (let seq = 1; seq <= at.length; seq++) {
        const since = Math.max(at[seq - 1] ?? Infinity, boot);
        if (since < a.t && connectedTime(run, since, a.t) >= STALENESS_MS) required = seq;
      }
      if (a.asOf < required) {
        const missed = a.asOf + 1;
        return fail(
          `at ${ms(a.t)} the reader answered as of event ${a.asOf}, but event ${missed} was committed at ` +
            `${ms(at[missed - 1] ?? 0)} and the reader had been up and able to reach the writer for over ` +
            `${ms(STALENESS_MS)} since then (events up to ${required} were due): fetch lost events again ` +
            `(events_since), and keep asking after a failure`,
          { at: a.t, nodes: ['reader'], messages: [a.id] },
        );
      }
    }
    return true;
  }),

  goal('the read model converges to the write model', (run) => {
    const { events } = committed(run);
    const last = answers(run).pop();
    if (!last) return 'the reader answered no query';
    if (last.asOf === events.length) return true;
    return fail(
      `the reader's last answer, at ${ms(last.t)}, was as of event ${last.asOf}; the writer's log holds ` +
        `${events.length} events, the last committed at ${ms(committed(run).at[events.length - 1] ?? 0)}`,
      { at: last.t, nodes: ['reader'], messages: [last.id] },
    );
  }),

  budget(
    'p99 read latency',
    (run) => {
      const latencies = queries(run)
        .filter((x) => !readerStopped(run, x.sentAt))
        .map((x) => x.latency ?? QUERY_TIMEOUT_MS);
      return {
        value: percentile(latencies, 99),
        detail: `over ${latencies.length} queries sent while the reader was running (unanswered: ${ms(QUERY_TIMEOUT_MS)})`,
      };
    },
    { unit: 'ms', atMost: 250, reference: 29, digits: 0 },
  ),

  budget(
    'catch-up requests per second',
    (run) => {
      const pulls = sends(run, { type: 'events_since', from: 'reader' }).length;
      return {
        value: pulls / (run.virtualMs / 1000),
        detail: `(${pulls} events_since requests in ${ms(run.virtualMs)})`,
        nodes: ['reader'],
      };
    },
    { unit: 'requests per second', atMost: 25, reference: 9, digits: 1 },
  ),
] satisfies Check[];

function isCutOffFromWriter(run: RunResult, t: number): boolean {
  return outages(run, 'writer', ['partition']).some((o) => o.peer === 'reader' && o.from <= t && t < o.to);
}
