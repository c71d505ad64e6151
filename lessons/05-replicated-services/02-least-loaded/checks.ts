import {
  budget,
  exchanges,
  fail,
  goal,
  invariant,
  latencyStats,
  ms,
  outages,
  pct,
  sends,
  unmet,
} from '@playground/scenario';
import type { Check, RunResult } from '@playground/scenario';

/** At most this share of the requests sent while a server is gray may go to it. */
const MAX_GRAY_SHARE = 0.1;
/** When every server is well again (the faults are over by 10.1 s): each must get its share. */
const FAIR_FROM = 11_000;
const FAIR_TO = 13_000;
const SERVERS = ['server-1', 'server-2', 'server-3', 'server-4'];

/** The gray spell the ops node caused: which server, from when to when (its `degrade` message). */
function graySpell(run: RunResult): { server: string; from: number; to: number } | undefined {
  const [d] = sends(run, { type: 'degrade', from: 'ops' });
  if (!d) return undefined;
  return { server: d.message.to, from: d.t, to: d.t + (d.message.body as { forMs: number }).forMs };
}

const work = (run: RunResult) => sends(run, { type: 'work', from: 'balancer' });
const requests = (run: RunResult) => exchanges(run, { type: 'request', to: 'balancer' });

export default [
  invariant(`a gray server gets at most ${pct(MAX_GRAY_SHARE)} of the requests`, (run) => {
    const spell = graySpell(run);
    if (!spell)
      return unmet(
        outages(run, 'ops').length > 0
          ? 'the ops node never degraded a server: it was down or cut off before it could (a fault added ' +
              'by hand?). This check needs a gray server'
          : 'the ops node never degraded a server (the scenario is broken)',
      );
    // From 300 ms into the spell: a balancer needs a few slow answers to notice.
    const during = work(run).filter((w) => w.t >= spell.from + 300 && w.t < spell.to);
    const toGray = during.filter((w) => w.message.to === spell.server);
    const share = toGray.length / Math.max(1, during.length);
    if (share <= MAX_GRAY_SHARE) return true;
    return fail(
      `${spell.server} was gray from ${ms(spell.from)} to ${ms(spell.to)} (each answer took 10 to 400 ms, ` +
        `and it passed every health check), yet it got ${toGray.length} of ${during.length} requests ` +
        `(${pct(share)}; at most ${pct(MAX_GRAY_SHARE)}). Send each request to the server with the fewest ` +
        'requests in flight.',
      { at: toGray[0]?.t ?? spell.from, nodes: [spell.server, 'balancer'] },
    );
  }),

  goal('every server carries its share at the end', (run) => {
    // By 11 s the gray spell and the pause are long over: four healthy servers, a quarter each.
    const end = work(run).filter((w) => w.t >= FAIR_FROM && w.t < FAIR_TO);
    for (const server of SERVERS) {
      const got = end.filter((w) => w.message.to === server).length;
      if (got >= end.length * 0.15) continue;
      return fail(
        `from ${ms(FAIR_FROM)} to ${ms(FAIR_TO)}, with every server well, ${server} got ${got} of ` +
          `${end.length} requests (${pct(got / Math.max(1, end.length))}; at least 15%). Judge a server by ` +
          'its requests in flight now (count answers and timeouts alike), and break ties round robin.',
        { at: FAIR_FROM, nodes: [server, 'balancer'] },
      );
    }
    return true;
  }),

  goal('requests get answered', (run) => {
    const all = requests(run);
    const lost = all.filter((e) => !e.answer);
    if (lost.length <= all.length * 0.01) return true;
    return fail(`${lost.length} of ${all.length} requests got no answer (at most 1%).`, {
      at: lost[0]!.sentAt,
      messages: [lost[0]!.request.id],
    });
  }),

  budget(
    'p95 latency while a server is gray',
    (run) => {
      const spell = graySpell(run);
      const during = requests(run).filter((e) => spell && e.sentAt >= spell.from && e.sentAt < spell.to);
      const stats = latencyStats(during.flatMap((e) => (e.latency === undefined ? [] : [e.latency])));
      return { value: stats.p95, detail: `(p50 ${ms(stats.p50)}, p99 ${ms(stats.p99)})` };
    },
    { unit: 'ms p95', atMost: 60, reference: 26, digits: 0 },
  ),
] satisfies Check[];
