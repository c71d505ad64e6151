import {
  budget,
  deliveries,
  eventsOf,
  exchanges,
  fail,
  faultsNear,
  goal,
  invariant,
  latencyStats,
  ms,
  outages,
  perOp,
  plural,
  sends,
} from '@playground/scenario';
import type { Check, RunResult } from '@playground/scenario';

/** A good release: green takes the traffic within this long of the deploy, and blue is gone within DRAINED. */
const CUTOVER_WITHIN_MS = 2000;
const DRAINED_WITHIN_MS = 4000;
/** A broken release: green is stopped within this long of the deploy. */
const ROLLBACK_WITHIN_MS = 3000;

interface Release {
  t: number;
  broken: boolean;
}

/** The release role's deploy message: when, and whether the build was broken (drawn per seed). */
function release(run: RunResult): Release | undefined {
  const s = sends(run, { type: 'deploy', from: 'release' })[0];
  if (!s) return undefined;
  return { t: s.t, broken: Boolean((s.message.body as { image?: { broken?: boolean } }).image?.broken) };
}

const requests = (run: RunResult) => exchanges(run, { type: 'request', to: 'router' });
const idOf = (body: unknown) => String((body as { id?: unknown } | null)?.id);

/** The router's work messages that carry a user's request (smoke tests have ids of the router's own). */
function userWork(run: RunResult) {
  const ids = new Set(requests(run).map((e) => idOf(e.request.body)));
  return sends(run, { type: 'work', from: 'router' }).filter((w) => ids.has(idOf(w.message.body)));
}

const greens = (run: RunResult) => eventsOf(run, 'spawn').filter((e) => e.role === 'green');
const isGreen = (run: RunResult, id: string) => greenIds(run).has(id);
const greenIdCache = new WeakMap<RunResult, Set<string>>();
function greenIds(run: RunResult): Set<string> {
  let ids = greenIdCache.get(run);
  if (!ids) greenIdCache.set(run, (ids = new Set(greens(run).map((g) => g.node))));
  return ids;
}

/** When the router first got each work message's answer back (by the work message's id). */
function answeredAt(run: RunResult): Map<string, number> {
  const at = new Map<string, number>();
  for (const b of deliveries(run, { type: 'work_ok', to: 'router' })) {
    const id = b.message.inReplyTo;
    if (id !== undefined && !at.has(id)) at.set(id, b.t);
  }
  return at;
}
const stopOf = (run: RunResult, id: string) => eventsOf(run, 'stop').find((e) => e.node === id);
const BLUE = ['blue-1', 'blue-2'];

export default [
  invariant('every request gets a replica’s answer, across the cutover', (run) => {
    // What the replicas answered, by request id: the router may pass on only one of these.
    const answered = new Map<string, { t: number; json: string }[]>();
    for (const a of deliveries(run, { type: 'work_ok', to: 'router' })) {
      const list = answered.get(idOf(a.message.body)) ?? [];
      list.push({ t: a.t, json: JSON.stringify(a.message.body) });
      answered.set(idOf(a.message.body), list);
    }
    const replySent = new Map(
      sends(run, { from: 'router', type: 'request_ok' }).map((s) => [s.message.id, s.t]),
    );
    for (const e of requests(run)) {
      const id = idOf(e.request.body);
      if (!e.answer)
        return fail(
          `request ${id} (sent by ${e.request.from} at ${ms(e.sentAt)}) got no answer: it was dropped.` +
            `${faultsNear(run, e.sentAt)} When a replica does not answer in time, retry on another replica ` +
            'of the live color; never stop a replica that still owes answers.',
          { at: e.sentAt, nodes: [e.request.from, 'router'], messages: [e.request.id] },
        );
      const body = e.answer.message.body as { error?: string };
      const at = replySent.get(e.answer.message.id) ?? e.answer.t;
      if (body.error)
        return fail(
          `request ${id} was answered with an error at ${ms(at)}: "${body.error}" (from ` +
            `${String((body as { by?: unknown }).by)}). Users got a broken build: smoke-test green before ` +
            'any user request goes to it.',
          { at, nodes: [e.request.from, 'router'], messages: [e.answer.message.id] },
        );
      const json = JSON.stringify(body);
      if (!(answered.get(id) ?? []).some((a) => a.t <= at && a.json === json))
        return fail(
          `the router answered request ${id} at ${ms(at)} with ${json}, which no replica had answered: ` +
            'pass on the answer of the replica that did the work.',
          { at, nodes: ['router'], messages: [e.answer.message.id] },
        );
    }
    return true;
  }),

  invariant('a replica is stopped only once it owes no answers (drained)', (run) => {
    const works = sends(run, { type: 'work', from: 'router' });
    const back = answeredAt(run);
    for (const stop of eventsOf(run, 'stop')) {
      const crashes = outages(run, stop.node, ['crash']);
      const owed = works.filter(
        (w) =>
          w.message.to === stop.node &&
          w.t < stop.t &&
          (back.get(w.message.id) ?? Infinity) > stop.t &&
          // A request lost in a crash is the retry's business, not the drain's.
          !crashes.some((c) => c.to >= w.t && c.from <= stop.t),
      );
      if (owed.length === 0) continue;
      const first = owed[0]!;
      return fail(
        `${stop.by ?? 'the router'} stopped ${stop.node} at ${ms(stop.t)} while it still owed ` +
          `${plural(owed.length, 'answer')}: request ${idOf(first.message.body)} was sent to it at ` +
          `${ms(first.t)} (${String((first.message.body as { ms?: unknown }).ms)} ms of work) and its answer ` +
          'was lost with it. Drain first: send it nothing new, wait until every request it is working on ' +
          'has been answered (it may be slow, or paused), then stop it.',
        { at: stop.t, nodes: [stop.node], messages: owed.slice(0, 5).map((w) => w.message.id) },
      );
    }
    return true;
  }),

  invariant('no request goes to a stopped replica', (run) => {
    for (const stop of eventsOf(run, 'stop')) {
      const late = sends(run, { type: 'work', from: 'router', to: stop.node, after: stop.t });
      if (late.length > 0)
        return fail(
          `${stop.node} was stopped at ${ms(stop.t)}, yet the router sent it ` +
            `${plural(late.length, 'request')} from ${ms(late[0]!.t)} on: take a replica out of the live ` +
            'list before you stop it.',
          {
            at: late[0]!.t,
            nodes: [stop.node, 'router'],
            messages: late.slice(0, 5).map((w) => w.message.id),
          },
        );
    }
    return true;
  }),

  invariant('a broken green gets no user’s request', (run) => {
    const r = release(run);
    if (!r?.broken) return true;
    const hit = userWork(run).filter((w) => isGreen(run, w.message.to));
    if (hit.length === 0) return true;
    const first = hit[0]!;
    return fail(
      `this seed’s v2 build is broken, yet the router sent ${plural(hit.length, 'user request')} to green, ` +
        `the first (${idOf(first.message.body)}) to ${first.message.to} at ${ms(first.t)}. Smoke-test each ` +
        'green replica first (test requests with ids of your own, checking that each answer has a result and ' +
        'no error), and cut over only if every test passes.',
      { at: first.t, nodes: [first.message.to, 'router'], messages: [first.message.id] },
    );
  }),

  goal(
    `a good release: all traffic on green within ${CUTOVER_WITHIN_MS} ms, blue stopped within ${DRAINED_WITHIN_MS} ms`,
    (run) => {
      const r = release(run);
      if (!r || r.broken) return true;
      const spawned = greens(run);
      if (spawned.length < BLUE.length)
        return fail(
          `the release asked for v2 at ${ms(r.t)}, and the router spawned ` +
            `${plural(spawned.length, 'green replica')}: spawn ${BLUE.length}, as many as blue has.`,
          { at: r.t, nodes: ['router'] },
        );
      const work = userWork(run);
      const cut = work.find((w) => isGreen(run, w.message.to) && w.t >= r.t);
      if (!cut || cut.t > r.t + CUTOVER_WITHIN_MS)
        return fail(
          `the release asked for a good v2 at ${ms(r.t)}, but no user request went to green until ` +
            `${cut ? ms(cut.t) : 'the end'}: once green passes its smoke test, cut over (within ` +
            `${CUTOVER_WITHIN_MS} ms of the deploy).`,
          { at: r.t + CUTOVER_WITHIN_MS, nodes: ['router'] },
        );
      const mixed = work.filter((w) => w.t > cut.t && !isGreen(run, w.message.to));
      if (mixed.length > 0)
        return fail(
          `the router cut over to green at ${ms(cut.t)}, yet ${mixed[0]!.message.to} still got ` +
            `${plural(mixed.length, 'user request')} after that, from ${ms(mixed[0]!.t)} on. Blue-green ` +
            'switches all traffic at once: after the cutover, every new request goes to green.',
          { at: mixed[0]!.t, nodes: [mixed[0]!.message.to, 'router'], messages: [mixed[0]!.message.id] },
        );
      for (const b of BLUE) {
        const stop = stopOf(run, b);
        if (!stop || stop.t > r.t + DRAINED_WITHIN_MS)
          return fail(
            `${b} was ${stop ? `stopped only at ${ms(stop.t)}` : 'never stopped'}: once it has drained, ` +
              `stop the old color with node.stop (within ${DRAINED_WITHIN_MS} ms of the deploy at ${ms(r.t)}).`,
            { at: r.t + DRAINED_WITHIN_MS, nodes: [b] },
          );
      }
      return true;
    },
  ),

  goal(
    `a broken release: blue keeps all traffic, green is stopped within ${ROLLBACK_WITHIN_MS} ms`,
    (run) => {
      const r = release(run);
      if (!r?.broken) return true;
      const spawned = greens(run);
      if (spawned.length === 0)
        return fail(
          `the release asked for v2 at ${ms(r.t)} and the router spawned no green replica: deploy it ` +
            '(node.spawn), test it, and only then decide.',
          { at: r.t, nodes: ['router'] },
        );
      const tested = sends(run, { type: 'work', from: 'router' }).some((w) => isGreen(run, w.message.to));
      if (!tested)
        return fail(
          `the router spawned ${spawned.map((g) => g.node).join(', ')} but never sent green a single request: ` +
            'smoke-test it to find out whether the build works.',
          { at: r.t, nodes: spawned.map((g) => g.node) },
        );
      for (const b of BLUE) {
        const stop = stopOf(run, b);
        if (stop)
          return fail(
            `this seed’s v2 is broken, yet the router stopped ${b} at ${ms(stop.t)}: when green fails its ` +
              'smoke test, blue stays live and untouched.',
            { at: stop.t, nodes: [b] },
          );
      }
      for (const g of spawned) {
        const stop = stopOf(run, g.node);
        if (!stop || stop.t > r.t + ROLLBACK_WITHIN_MS)
          return fail(
            `${g.node} runs the broken v2 and was ${stop ? `stopped only at ${ms(stop.t)}` : 'never stopped'}: ` +
              `roll back, stop the green replicas that failed (within ${ROLLBACK_WITHIN_MS} ms of the deploy ` +
              `at ${ms(r.t)}).`,
            { at: r.t + ROLLBACK_WITHIN_MS, nodes: [g.node] },
          );
      }
      return true;
    },
  ),

  budget(
    'p95 latency of requests no crash touched',
    (run) => {
      // A request whose replica crashed under it waits out the router's timeout: that is the retry's cost,
      // not the deployment's. Every other request should be as quick across the cutover as before it.
      const crashes = BLUE.flatMap((b) => outages(run, b, ['crash']));
      const hit = new Set(
        sends(run, { type: 'work', from: 'router' })
          .filter((w) => crashes.some((c) => c.node === w.message.to && c.to >= w.t && c.from <= w.t + 3000))
          .map((w) => idOf(w.message.body)),
      );
      const stats = latencyStats(
        requests(run).flatMap((e) =>
          e.latency === undefined || hit.has(idOf(e.request.body)) ? [] : [e.latency],
        ),
      );
      return {
        value: stats.p95,
        detail: `(p50 ${ms(stats.p50)}, p99 ${ms(stats.p99)}, max ${ms(stats.max)})`,
      };
    },
    { unit: 'ms p95', atMost: 1300, reference: 730, digits: 0 },
  ),

  budget(
    'work sent per request',
    (run) => {
      const n = sends(run, { type: 'work', from: 'router' }).length;
      const r = requests(run).length;
      return { value: perOp(n, r), detail: `(${n} work messages, smoke tests included, for ${r} requests)` };
    },
    { unit: 'work messages per request', atMost: 1.3, reference: 1.07, digits: 2 },
  ),
] satisfies Check[];
