/** Bug: rolls build 2 back, but answers the client the error build 2 gave, instead of trying again. */
import type { AnyMessage, Json, Node, TraceContext } from '@playground/node';

/** How long the gateway waits for a replica. */
const CALL_TIMEOUT_MS = 150;
/** Failures in a row that open a replica's circuit. */
const TRIP_AFTER = 3;
/** How long a circuit stays open before one probe may go through. */
const COOL_DOWN_MS = 800;
/** Passes over the shard's replicas before the gateway gives up, and the pause between them. */
const ROUNDS = 2;
const BACKOFF_MS = 100;
/** The canary's stages: the share of keys on build 2, and how long each stage lasts before the next. */
const STAGES = [
  { share: 0.1, ms: 1500 },
  { share: 0.5, ms: 1500 },
  { share: 1, ms: 0 },
];
/** This many errors from build 2 and it is rolled back. */
const MAX_ERRORS = 2;

type Circuit = 'closed' | 'open' | 'half-open';
interface Breaker {
  state: Circuit;
  /** Failures in a row while closed. */
  failures: number;
  /** Half-open: the one probe is out. */
  probing: boolean;
}

const hex = (node: Node, n: number) =>
  Array.from({ length: n }, () => Math.floor(node.random() * 16).toString(16)).join('');

export default function gateway(node: Node) {
  const replicas = node.peers('replica');
  const shards = [replicas.slice(0, 2), replicas.slice(2, 4)];
  const shardOf = (key: string) => shards[hash(key) % shards.length]!;

  // [1]
  const breakers = new Map(
    replicas.map((r) => [r, { state: 'closed', failures: 0, probing: false } as Breaker]),
  );
  const show = () => {
    const open = [...breakers].filter(([, b]) => b.state !== 'closed').map(([r, b]) => `${r} ${b.state}`);
    node.state.circuits = open.length === 0 ? 'all closed' : open.join(', ');
    node.metric('open_circuits', open.length);
  };
  show();

  function allows(replica: string): boolean {
    const b = breakers.get(replica)!;
    if (b.state === 'closed') return true;
    if (b.state === 'half-open' && !b.probing) return (b.probing = true);
    return false;
  }
  function open(replica: string, b: Breaker) {
    Object.assign(b, { state: 'open', failures: 0, probing: false });
    node.log(`circuit of ${replica} open`);
    node.setTimer(COOL_DOWN_MS, () => {
      b.state = 'half-open';
      show();
    });
  }
  function succeeded(replica: string) {
    const b = breakers.get(replica)!;
    if (b.state === 'closed' && b.failures === 0) return;
    Object.assign(b, { state: 'closed', failures: 0, probing: false });
    show();
  }
  function failed(replica: string) {
    const b = breakers.get(replica)!;
    if (b.state === 'half-open') open(replica, b);
    else if (b.state === 'closed' && ++b.failures >= TRIP_AFTER) open(replica, b);
    show();
  }

  // [2]
  const seen = new Map<string, { written: number; acked: number; replica?: string }>();
  const sessionOf = (key: string) => seen.get(key) ?? { written: 0, acked: 0 };

  // [6]
  const canary = { on: false, share: 0, keys: new Set<string>(), errors: 0, rolledBack: false };
  const buildOf = (key: string) => (canary.on && canary.keys.has(key) ? 2 : 1);
  function stage(i: number) {
    if (canary.rolledBack) return;
    const { share, ms } = STAGES[i]!;
    // The keys seen so far, in the order of their hash: each stage adds keys, and a key never moves back.
    const keys = [...seen.keys()].sort((a, b) => hash(a) - hash(b));
    for (const key of keys.slice(0, Math.max(1, Math.ceil(share * keys.length)))) canary.keys.add(key);
    canary.share = share;
    node.metric('canary_pct', share * 100);
    node.log(`canary: ${canary.keys.size} of ${keys.length} keys on build 2`);
    if (i + 1 < STAGES.length) node.setTimer(ms, () => stage(i + 1));
  }
  node.on('deploy', () => {
    if (canary.on || canary.rolledBack) return;
    canary.on = true;
    stage(0);
  });
  function rollBack() {
    Object.assign(canary, { on: false, rolledBack: true });
    node.metric('canary_pct', 0);
    node.warn(`build 2 rolled back after ${canary.errors} errors`);
  }

  // [3]
  async function call(replica: string, type: string, body: Json, parent: TraceContext) {
    const trace = { traceId: parent.traceId, spanId: hex(node, 8), parentSpanId: parent.spanId };
    const key = (body as { key: string }).key;
    // A key still new to the gateway once build 2 has everyone goes to build 2 as well.
    if (canary.on && canary.share === 1) canary.keys.add(key);
    const build = buildOf(key);
    try {
      const answer = await node.rpc(replica, type, build === 2 ? { ...(body as object), build } : body, {
        timeout: CALL_TIMEOUT_MS,
        trace,
      });
      succeeded(replica);
      if (answer.type !== 'error') return answer;
      // [7]
      if (build === 2 && ++canary.errors >= MAX_ERRORS && !canary.rolledBack) rollBack();
      return answer;
    } catch {
      failed(replica);
      return undefined;
    }
  }

  // [4]
  const next = shards.map(() => 0);
  function order(key: string, type: string): string[] {
    const shard = shardOf(key);
    const i = shards.indexOf(shard);
    const start = (next[i] = next[i]! + 1) % shard.length;
    const turn = [...shard.slice(start), ...shard.slice(0, start)];
    const last = seen.get(key)?.replica;
    const first =
      turn.find((r) => breakers.get(r)!.state === 'half-open') ?? (type === 'get' ? last : undefined);
    return first ? [first, ...turn.filter((r) => r !== first)] : turn;
  }

  async function serve(msg: AnyMessage, body: Json, fresh: (answer: AnyMessage) => boolean) {
    const key = (msg.body as { key: string }).key;
    const root = msg.trace ?? { traceId: hex(node, 16), spanId: hex(node, 8) };
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) await node.sleep(BACKOFF_MS);
      for (const replica of order(key, msg.type)) {
        if (!allows(replica)) continue;
        const answer = await call(replica, msg.type, body, root);
        if (answer && fresh(answer)) return { answer, replica };
      }
    }
    return undefined;
  }

  node.on('put', async (msg: AnyMessage) => {
    const { key, value } = msg.body as { key: string; value: string };
    const session = sessionOf(key);
    const after = session.written;
    const got = await serve(msg, { key, value, after }, () => true);
    // [5]
    session.written = after + 1;
    seen.set(key, session);
    if (!got || got.answer.type === 'error')
      return node.reply(msg, { key, error: 'no replica of its shard took the write' }, 'error');
    Object.assign(session, { acked: Number(got.answer.body.version), replica: got.replica });
    node.reply(msg, { key });
  });

  node.on('get', async (msg: AnyMessage) => {
    const { key } = msg.body as { key: string };
    const wanted = sessionOf(key).acked;
    const got = await serve(
      msg,
      { key },
      (answer) => answer.type === 'error' || Number(answer.body.version) >= wanted,
    );
    if (got?.answer.type === 'error') return node.reply(msg, { key, error: 'build 2 failed' }, 'error');
    if (!got) return node.reply(msg, { key, error: 'no replica had the last write yet' }, 'error');
    node.reply(msg, { key, value: got.answer.body.value });
  });
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/*
[1]
A circuit breaker per replica (chapter 8): closed, open after 3 failures in a row, half-open after an
800 ms cool-down (a timer: the wall clock may be skewed), one probe, then closed or open again. A replica
whose circuit is open is skipped: the request goes to its twin, and only one probe per cool-down finds out
whether the replica is back. An answer, even a stale one, is a success: the replica is alive.

[2]
The session (read your writes): for each key, the version of the last write the gateway made, the version
of the last one a replica acknowledged, and which replica took it. The next write passes the first as
`after`, so it gets a higher version than any before it; a read accepts only an answer at least as new as
the acknowledged one, and asks the replica that took it first.

[3]
Every call is a span of the request's trace (chapter 9): the same `traceId`, a fresh `spanId`, the
request's span as its parent. A retry is another call, so another span.

[4]
Load balancing within the shard (chapter 5): round robin for writes; for a read, the replica that took the
key's last write first, then the other. A replica whose circuit is half-open comes first, so its probe goes
out with the next request to its shard. At most two passes over the shard, 100 ms apart, then an error:
the retries are bounded.

[5]
A write counts as made even when no replica acknowledged it in time: a paused replica may still take it
when it wakes up. The next write then passes `after` one higher, so it wins over that late one.

[6]
The canary (the last step): on `deploy`, a tenth of the keys the gateway has seen (at least one) go to build
2, chosen by their hash, then half of them 1.5 s later, then every key 1.5 s after that. A key's calls all go
to one build; a stage only adds keys, so a key moves to build 2 once, and back only if build 2 is rolled
back. `canary_pct` charts the share.

[7]
An `error` reply is the replica's build 2 failing the call: the replica is alive (its circuit is not
touched), the call failed, and the request goes on to the next try, on build 1 once build 2 is rolled back.
Two errors from build 2 and it is rolled back: every key back on build 1 at once.
*/
