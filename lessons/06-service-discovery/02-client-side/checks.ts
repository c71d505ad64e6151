import {
  budget,
  describeFault,
  exchanges,
  fail,
  goal,
  invariant,
  listOf,
  ms,
  outages,
  receivedBefore,
  sends,
} from '@playground/scenario';
import type { Check, RunResult, Send } from '@playground/scenario';

/** A server whose last heartbeat reached the registry longer ago than this is in no answer. */
const GONE_AFTER_MS = 2000;
/** A server whose heartbeat reached the registry less than this ago is in every answer. */
const KEPT_FOR_MS = 1000;
const SERVERS = ['server-1', 'server-2', 'server-3', 'server-4'];

const answers = (run: RunResult) => sends(run, { type: 'lookup_ok', from: 'registry' });
const named = (a: Send) => ((a.message.body as { instances?: unknown }).instances ?? []) as string[];

/** When the registry last heard from `server` (a register or heartbeat delivered to it) by time t. */
function lastHeard(run: RunResult, server: string, t: number): number | undefined {
  return receivedBefore(run, 'registry', t, { type: ['register', 'heartbeat'], from: server })[0]?.t;
}

/** What happened to a server (its crash, pause...) before t, in words. */
function whatHappened(run: RunResult, server: string, t: number): string {
  const said = outages(run, server)
    .filter((o) => o.from <= t)
    .map(
      (o) =>
        `${server} ${o.kind === 'crash' ? 'crashed' : o.kind === 'pause' ? 'was paused' : 'was cut off'} at ${ms(o.from)}`,
    );
  const skews = run.trace
    .filter(
      (e) => e.kind === 'skew' && e.offsetMs !== 0 && e.node === 'registry' && e.t <= t && e.t >= t - 5000,
    )
    .map((e) => describeFault(e))
    .filter((s): s is string => s !== undefined);
  const all = [...said, ...skews];
  return all.length ? ` (${listOf(all, 3)})` : '';
}

export default [
  invariant(`a server that went quiet leaves the registry's answers within ${GONE_AFTER_MS} ms`, (run) => {
    for (const a of answers(run)) {
      for (const server of named(a)) {
        const heard = lastHeard(run, server, a.t);
        if (heard !== undefined && a.t - heard <= GONE_AFTER_MS) continue;
        return fail(
          `the registry told ${a.message.to} at ${ms(a.t)} that ${server} is live, but ` +
            (heard === undefined
              ? `${server} had never registered`
              : `its last heartbeat reached the registry at ${ms(heard)}, ${ms(a.t - heard)} earlier`) +
            whatHappened(run, server, a.t) +
            '. Instances never deregister when they die: give each registration a lease that its ' +
            `heartbeats renew, and leave out of the answers an instance whose lease ran out (within ${GONE_AFTER_MS} ms).`,
          { at: a.t, nodes: ['registry', server], messages: [a.message.id] },
        );
      }
    }
    return true;
  }),

  invariant(`a server that heartbeats is in every answer`, (run) => {
    for (const a of answers(run)) {
      const list = named(a);
      for (const server of SERVERS) {
        if (list.includes(server)) continue;
        const heard = lastHeard(run, server, a.t);
        // Just registered (its first message is still on its way in the trace's order): nothing to demand yet.
        if (heard === undefined || a.t - heard > KEPT_FOR_MS || a.t - heard < 1) continue;
        return fail(
          `the registry left ${server} out of its answer to ${a.message.to} at ${ms(a.t)}, though ${server}'s ` +
            `heartbeat had reached it at ${ms(heard)}, ${ms(a.t - heard)} earlier${whatHappened(run, server, a.t)}. ` +
            `Let every heartbeat renew the lease (and register again an instance you had dropped), and make the ` +
            `lease long enough that a lost heartbeat or two does not drop a live instance: at least ${KEPT_FOR_MS} ms ` +
            'after its last heartbeat, timed on node.monotonic().',
          { at: a.t, nodes: ['registry', server], messages: [a.message.id] },
        );
      }
    }
    return true;
  }),

  goal('requests keep getting answered while instances die and the registry is cut off', (run) => {
    const all = exchanges(run, { type: 'request', from: 'user' });
    const lost = all.filter((e) => !e.answer);
    if (all.length > 0 && lost.length <= all.length * 0.02) return true;
    const first = lost[0];
    return fail(
      `${lost.length} of ${all.length} requests got no answer (at most 2% may be lost)` +
        (first ? `, the first sent at ${ms(first.sentAt)} via ${first.request.to}` : '') +
        '. The clients send only to the instances the registry names: a dead one in the list costs requests.',
      first ? { at: first.sentAt, nodes: [first.request.to], messages: [first.request.id] } : {},
    );
  }),

  budget(
    'heartbeats per server per second',
    (run) => {
      const n = sends(run, { type: 'heartbeat', to: 'registry' }).length;
      return {
        value: n / SERVERS.length / (run.virtualMs / 1000),
        detail: `(${n} heartbeats from ${SERVERS.length} servers)`,
      };
    },
    { unit: 'heartbeats per server per second', atMost: 10, reference: 3 },
  ),
] satisfies Check[];
