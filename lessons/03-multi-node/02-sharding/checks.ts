import {
  budget,
  eventsOf,
  exchanges,
  fail,
  faultsNear,
  goal,
  invariant,
  listOf,
  messageById,
  ms,
  nodesOfRole,
  pct,
  percentile,
  perOp,
  receivedBefore,
  sends,
} from '@playground/scenario';
import type { Check, Exchange, Json, RunResult } from '@playground/scenario';

/** Extra share of keys allowed to move on top of the ideal 1/N. */
const TOLERANCE = 0.15;
/** Between reshards, no shard may answer for more than this many times its fair share of keys... */
const MAX_SHARE = 1.8;
/** ...nor for fewer than this fraction of it. */
const MIN_SHARE = 0.35;
/** The client gives up on a request after this long (see roles/client.ts). */
const CLIENT_TIMEOUT_MS = 2000;

const isShard = (id: string) => id.startsWith('shard') || id.includes('/shard');

function field(body: Json | undefined, name: string): Json | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body[name] : undefined;
}

/** One client request, and the shard whose answer the router passed on (followed through the trace). */
interface Answered {
  x: Exchange;
  op: string;
  key: string;
  /** The shard that answered this key for this request, and when the router asked it. */
  shard?: string;
  askedAt?: number;
  /** For a get: the value that shard returned. */
  shardValue?: Json;
}

const answeredCache = new WeakMap<object, Answered[]>();

/**
 * For each client request the router answered: the newest `get_ok`/`put_ok` the router had received from a
 * shard, before it answered, to a request of the same kind for the same key (and, for a put, the same value).
 */
function answered(run: RunResult): Answered[] {
  const cached = answeredCache.get(run.trace);
  if (cached) return cached;
  const out: Answered[] = [];
  for (const x of exchanges(run, { type: ['get', 'put'], from: 'client' })) {
    const op = x.request.type;
    const key = String(field(x.request.body, 'key'));
    const entry: Answered = { x, op, key };
    const reply = x.replies[0];
    if (reply) {
      const upstream = receivedBefore(run, 'router', reply.sentAt, { type: `${op}_ok`, from: isShard });
      for (const d of upstream) {
        const asked = d.message.inReplyTo ? messageById(run, d.message.inReplyTo) : undefined;
        if (!asked || asked.from !== 'router' || asked.type !== op || field(asked.body, 'key') !== key)
          continue;
        if (op === 'put' && field(asked.body, 'value') !== field(x.request.body, 'value')) continue;
        entry.shard = d.message.from;
        entry.askedAt = asked.sentAt;
        entry.shardValue = field(d.message.body, 'value') ?? null;
        break;
      }
    }
    out.push(entry);
  }
  answeredCache.set(run.trace, out);
  return out;
}

/** The layouts between reshards: when each began, how many shards there were, and which shard answered each key. */
interface Phase {
  name: string;
  from: number;
  to: number;
  shards: string[];
  owner: Map<string, string>;
}

function phases(run: RunResult): Phase[] | string {
  const initial = eventsOf(run, 'spawn')
    .filter((s) => s.t === 0 && s.role === 'shard')
    .map((s) => s.node);
  const grown = eventsOf(run, 'spawn').find((s) => s.t > 0 && s.role === 'shard');
  if (!grown) return 'no shard was added during the run';
  const retire = exchanges(run, { type: 'retire', from: 'operator' })[0];
  if (!retire) return 'the operator retired no shard during the run';
  const victim = String(field(retire.request.body, 'shard'));
  if (!retire.answer)
    return fail(
      `the operator asked the router at ${ms(retire.sentAt)} to retire ${victim}, and the router never answered: ` +
        `move the shard's keys to the others, then reply`,
      { at: retire.sentAt, nodes: ['router', 'operator'], messages: [retire.request.id] },
    ).reason;
  const doneAt = retire.replies[0]!.sentAt;
  const all = [...initial, grown.node];
  const list: Phase[] = [
    { name: `before ${grown.node} joined`, from: 0, to: grown.t, shards: initial, owner: new Map() },
    { name: `after ${grown.node} joined`, from: grown.t, to: doneAt, shards: all, owner: new Map() },
    {
      name: `after ${victim} was retired`,
      from: doneAt,
      to: run.virtualMs,
      shards: all.filter((s) => s !== victim),
      owner: new Map(),
    },
  ];
  for (const a of answered(run)) {
    if (a.shard === undefined || a.askedAt === undefined) continue;
    const phase = list.find((p) => p.from <= a.askedAt! && a.askedAt! < p.to);
    phase?.owner.set(a.key, a.shard);
  }
  return list;
}

function keysOf(run: RunResult): string[] {
  return [...new Set(answered(run).map((a) => a.key))];
}

export default [
  goal('every request is answered in time', (run) => {
    const all = answered(run);
    if (all.length === 0) return 'the client sent no request at all';
    const late = all.filter((a) => a.x.latency === undefined || a.x.latency > CLIENT_TIMEOUT_MS);
    if (late.length === 0) return true;
    const first = late[0]!;
    return fail(
      `${late.length} of ${all.length} client requests got no answer within ${ms(CLIENT_TIMEOUT_MS)}, the first ` +
        `a ${first.op} of ${first.key} at ${ms(first.x.sentAt)}.${faultsNear(run, first.x.sentAt)} The store must ` +
        `stay available while it reshards and while a shard is slow.`,
      { at: first.x.sentAt, nodes: ['client', 'router'], messages: [first.x.request.id] },
    );
  }),

  invariant('every answer comes from a shard, for that key', (run) => {
    for (const a of answered(run)) {
      const reply = a.x.replies[0];
      if (!reply) continue;
      if (a.shard === undefined) {
        return fail(
          `at ${ms(reply.sentAt)} the router answered a ${a.op} of ${a.key} without a shard having answered it for ` +
            `that key: every read and write must go to the shard that owns the key`,
          { at: reply.sentAt, nodes: ['router'], messages: [a.x.request.id, reply.id] },
        );
      }
      const told = field(reply.body, 'value') ?? null;
      if (a.op === 'get' && told !== a.shardValue) {
        return fail(
          `at ${ms(reply.sentAt)} the router told the client ${a.key} = ${String(told)}, but ${a.shard} had ` +
            `answered ${String(a.shardValue)}: pass on the shard's value`,
          { at: reply.sentAt, nodes: ['router', a.shard], messages: [reply.id] },
        );
      }
    }
    return true;
  }),

  invariant('at the end, every key is on exactly one shard', (run) => {
    const holders = new Map<string, string[]>();
    for (const shard of nodesOfRole(run, 'shard').filter((n) => n.alive)) {
      const data = field(shard.state, 'data');
      if (typeof data !== 'object' || data === null) continue;
      for (const key of Object.keys(data)) holders.set(key, [...(holders.get(key) ?? []), shard.id]);
    }
    const bad = keysOf(run).filter((k) => (holders.get(k)?.length ?? 0) !== 1);
    if (bad.length === 0) return true;
    return `at the end, ${bad.length} keys are not on exactly one running shard (a retired shard is gone): ${listOf(
      bad.map((k) => `${k} on ${holders.get(k)?.join(' and ') ?? 'none'}`),
      4,
    )}. A moved key is copied to its new shard, then deleted from the old one.`;
  }),

  goal('every read returns the last written value', (run) => {
    // The client sends one request at a time, so its send order is the order of operations.
    const expected = new Map<string, Set<Json>>();
    let reads = 0;
    const wrong: { text: string; at: number; id: string }[] = [];
    for (const a of answered(run)) {
      const reply = a.x.answer?.message;
      if (a.op === 'put') {
        // An unanswered write may or may not have happened.
        const options = reply ? new Set<Json>() : new Set(expected.get(a.key) ?? [null]);
        options.add(field(a.x.request.body, 'value') ?? null);
        expected.set(a.key, options);
      } else if (reply) {
        reads += 1;
        const got = field(reply.body, 'value') ?? null;
        const options = expected.get(a.key) ?? new Set([null]);
        if (!options.has(got))
          wrong.push({
            text: `${a.key} = ${String(got)}${a.shard ? ` from ${a.shard}` : ''} at ${ms(reply.sentAt)} (expected ${[...options].join(' or ')})`,
            at: reply.sentAt,
            id: reply.id,
          });
      }
    }
    if (reads === 0) return 'the client got no answer to any read';
    if (wrong.length === 0) return true;
    return fail(
      `${wrong.length} of ${reads} reads returned a stale or missing value: ${listOf(
        wrong.map((w) => w.text),
        3,
      )}.${faultsNear(run, wrong[0]!.at)} When a key moves, copy it to its new shard, then delete the old copy: a key lost, or a stale copy left behind, shows up as a wrong read.`,
      { at: wrong[0]!.at, nodes: ['router'], messages: [wrong[0]!.id] },
    );
  }),

  invariant('each reshard moves at most about 1/N of the keys', (run) => {
    const list = phases(run);
    if (typeof list === 'string') return list;
    const keys = keysOf(run);
    for (const p of list) {
      if (p.owner.size < keys.length / 2)
        return fail(
          `only ${p.owner.size} of ${keys.length} keys were answered by a shard ${p.name} (${ms(p.from)} to ` +
            `${ms(p.to)}): too few to tell where the keys live. Are requests answered while the store reshards?`,
          { at: p.from, nodes: ['router'] },
        );
    }
    for (let i = 1; i < list.length; i++) {
      const [before, after] = [list[i - 1]!, list[i]!];
      const both = keys.filter((k) => before.owner.has(k) && after.owner.has(k));
      const moved = both.filter((k) => before.owner.get(k) !== after.owner.get(k));
      const n = Math.max(before.shards.length, after.shards.length);
      const allowed = Math.floor(both.length * (1 / n + TOLERANCE));
      if (moved.length <= allowed) continue;
      const joined = after.shards.find((s) => !before.shards.includes(s));
      const left = before.shards.find((s) => !after.shards.includes(s));
      const needed = joined
        ? moved.filter((k) => after.owner.get(k) === joined).length
        : moved.filter((k) => before.owner.get(k) === left).length;
      const advice =
        needed === moved.length
          ? `all of them ${joined ? `to ${joined}` : `from ${left}`}, which ${joined ? 'took' : 'held'} far more than its share: give every shard many points on the ring (virtual nodes)`
          : `only ${needed} of them ${joined ? `to ${joined}` : `from ${left}`}, the rest between shards that stayed: use consistent hashing, with virtual nodes`;
      return fail(
        `${after.name}, ${moved.length} of ${both.length} keys were answered by another shard than before ` +
          `(${pct(moved.length / both.length)}), ${advice}. With ${n} shards at most ${allowed} should move ` +
          `(1/${n} + ${pct(TOLERANCE)})`,
        { at: after.from, nodes: ['router', ...(joined ? [joined] : left ? [left] : [])] },
      );
    }
    return true;
  }),

  invariant('keys are spread evenly over the shards', (run) => {
    const list = phases(run);
    if (typeof list === 'string') return list;
    for (const p of list) {
      const fair = p.owner.size / p.shards.length;
      const counts = p.shards.map((s) => ({
        s,
        n: [...p.owner.values()].filter((o) => o === s).length,
      }));
      const worst = counts.find((c) => c.n > fair * MAX_SHARE || c.n < fair * MIN_SHARE);
      if (!worst) continue;
      return fail(
        `${p.name}, ${worst.s} answered for ${worst.n} of ${p.owner.size} keys, where its fair share is about ` +
          `${Math.round(fair)} (${counts.map((c) => `${c.s}: ${c.n}`).join(', ')}); each shard should hold between ` +
          `${Math.ceil(fair * MIN_SHARE)} and ${Math.floor(fair * MAX_SHARE)}. ${
            worst.n < fair * MIN_SHARE
              ? 'Does the router send keys to every shard?'
              : 'Give every shard many points on the ring (virtual nodes), and hash the whole key.'
          }`,
        { at: p.from, nodes: [worst.s] },
      );
    }
    return true;
  }),

  budget(
    'p99 latency',
    (run) => {
      const latencies = answered(run).map((a) => a.x.latency ?? CLIENT_TIMEOUT_MS);
      return {
        value: percentile(latencies, 99),
        detail: `over ${latencies.length} requests, reshards included (an unanswered one counts as ${ms(CLIENT_TIMEOUT_MS)})`,
      };
    },
    { unit: 'ms', atMost: 400, reference: 30, digits: 0 },
  ),

  budget(
    'router messages per request',
    (run) => {
      const requests = answered(run).length;
      const spent = sends(run, { from: 'router', to: isShard }).length;
      return {
        value: perOp(spent, requests),
        detail: `(${spent} messages from the router to shards, moves included, for ${requests} client requests)`,
        nodes: ['router'],
      };
    },
    { unit: 'messages to shards per request', atMost: 1.3, reference: 1.13, digits: 2 },
  ),
] satisfies Check[];
