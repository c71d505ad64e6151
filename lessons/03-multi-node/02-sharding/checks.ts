import { eventsOf, goal, invariant, nodesOfRole, sent } from '@playground/scenario';
import type { Check, Message, RunResult } from '@playground/scenario';

/** Extra share of keys allowed to move on top of the ideal 1/N. */
const TOLERANCE = 0.15;
/** The new shard must end up with at least this share of the keys (it should get about 1/N). */
const MIN_NEW_SHARE = 0.05;

type Placement = Map<string, string[]>;

/** key -> shards holding it, from shard states (`state.data`). */
function placementOf(states: { id: string; state: unknown }[]): Placement {
  const placement: Placement = new Map();
  for (const { id, state } of states) {
    const data = (state as { data?: Record<string, unknown> } | null)?.data ?? {};
    for (const key of Object.keys(data)) placement.set(key, [...(placement.get(key) ?? []), id]);
  }
  return placement;
}

/** The shard states just before the first shard was added, the added shard, and the final states. */
function scaleOut(run: RunResult) {
  const spawn = eventsOf(run, 'spawn').find((e) => e.role === 'shard');
  if (!spawn) return undefined;
  const shardIds = new Set(nodesOfRole(run, 'shard').map((n) => n.id));
  const latest = new Map<string, unknown>();
  for (const event of run.trace) {
    if (event === spawn) break;
    if (event.kind === 'state' && shardIds.has(event.node)) latest.set(event.node, event.state);
  }
  const before = placementOf([...latest].map(([id, state]) => ({ id, state })));
  const after = placementOf(nodesOfRole(run, 'shard').map((n) => ({ id: n.id, state: n.state })));
  return { spawn, before, after, shardsAfter: shardIds.size };
}

function list(items: string[], max = 6): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, …`;
}

export default [
  goal('every read returns the last written value', (run) => {
    const byId = new Map(sent(run).map((m) => [m.id, m]));
    const replyTo = new Map<string, Message>();
    for (const d of eventsOf(run, 'deliver')) {
      const reply = d.node === 'client' ? byId.get(d.messageId) : undefined;
      if (reply?.inReplyTo && !replyTo.has(reply.inReplyTo)) replyTo.set(reply.inReplyTo, reply);
    }
    // The client sends one request at a time, so its send order is the order of operations.
    const expected = new Map<string, Set<unknown>>();
    let reads = 0;
    const wrong: string[] = [];
    for (const request of sent(run, undefined, 'client')) {
      const { key, value } = request.body as { key: string; value?: string };
      const reply = replyTo.get(request.id);
      if (request.type === 'put') {
        // An unanswered write may or may not have happened.
        const options = reply ? new Set<unknown>() : new Set(expected.get(key) ?? [null]);
        options.add(value);
        expected.set(key, options);
      } else if (request.type === 'get' && reply) {
        reads += 1;
        const got = (reply.body as { value?: unknown }).value ?? null;
        const options = expected.get(key) ?? new Set([null]);
        if (!options.has(got)) {
          const from = (reply.body as { shard?: string }).shard;
          wrong.push(
            `${key} = ${String(got)}${from ? ` from ${from}` : ''} at ${Math.round(reply.sentAt)} ms (expected ${[...options].join(' or ')})`,
          );
        }
      }
    }
    if (reads === 0) return 'the client got no answer to any read';
    if (wrong.length === 0) return true;
    return `${wrong.length} of ${reads} reads returned a stale or missing value: ${list(wrong, 4)}`;
  }),

  invariant('adding a shard moves at most about 1/N of the keys', (run) => {
    const scale = scaleOut(run);
    if (!scale) return 'no shard was added during the run';
    const { spawn, before, after, shardsAfter } = scale;
    const keys = [...before.keys()];
    if (keys.length === 0) return `no shard held any key when ${spawn.node} was added at ${spawn.t} ms`;
    const misplaced = keys.filter((k) => (after.get(k)?.length ?? 0) !== 1);
    if (misplaced.length > 0) {
      const where = misplaced.map((k) => `${k} on ${after.get(k)?.join(' and ') || 'no shard'}`);
      return `at the end, ${misplaced.length} keys are not on exactly one shard: ${list(where, 4)}`;
    }
    const moved = keys.filter((k) => before.get(k)?.[0] !== after.get(k)?.[0]);
    const allowed = Math.floor(keys.length * (1 / shardsAfter + TOLERANCE));
    if (moved.length <= allowed) return true;
    const toNew = moved.filter((k) => after.get(k)?.[0] === spawn.node).length;
    const where =
      toNew === moved.length
        ? `all of them to ${spawn.node}, which took far more than its share: give every shard many points on the ring (virtual nodes)`
        : `only ${toNew} of them to ${spawn.node}, the rest between old shards: use consistent hashing, with virtual nodes`;
    return (
      `when ${spawn.node} joined at ${spawn.t} ms, ${moved.length} of ${keys.length} keys changed shard ` +
      `(${Math.round((100 * moved.length) / keys.length)}%), ${where}. With ${shardsAfter} shards at most ` +
      `${allowed} should move (1/${shardsAfter} + ${TOLERANCE * 100}%)`
    );
  }),

  goal('the new shard takes its share of the keys', (run) => {
    const scale = scaleOut(run);
    if (!scale) return 'no shard was added during the run';
    const { spawn, after, shardsAfter } = scale;
    const held = [...after.values()].filter((owners) => owners.includes(spawn.node)).length;
    const needed = Math.ceil(after.size * MIN_NEW_SHARE);
    if (held >= needed) return true;
    return (
      `${spawn.node} holds ${held} of ${after.size} keys at the end; it should hold about 1/${shardsAfter} ` +
      `of them (at least ${needed}). Does the router send any key to the new shard?`
    );
  }),
] satisfies Check[];
