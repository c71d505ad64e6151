/** Bug: passes the trace on the first call only: the retry on the twin, the call that tells why a request was slow or failed, leaves the trace. */
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

  const seen = new Map<string, { written: number; acked: number; replica?: string }>();
  const sessionOf = (key: string) => seen.get(key) ?? { written: 0, acked: 0 };

  async function call(replica: string, type: string, body: Json, parent: TraceContext, attempt: number) {
    const trace = { traceId: parent.traceId, spanId: hex(node, 8), parentSpanId: parent.spanId };
    try {
      const options = attempt === 0 ? { timeout: CALL_TIMEOUT_MS, trace } : { timeout: CALL_TIMEOUT_MS };
      const answer = await node.rpc(replica, type, body, options);
      succeeded(replica);
      return answer;
    } catch {
      failed(replica);
      return undefined;
    }
  }

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
    let attempt = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) await node.sleep(BACKOFF_MS);
      for (const replica of order(key, msg.type)) {
        if (!allows(replica)) continue;
        const answer = await call(replica, msg.type, body, root, attempt++);
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
    session.written = after + 1;
    seen.set(key, session);
    if (!got) return node.reply(msg, { key, error: 'no replica of its shard took the write' }, 'error');
    Object.assign(session, { acked: Number(got.answer.body.version), replica: got.replica });
    node.reply(msg, { key });
  });

  node.on('get', async (msg: AnyMessage) => {
    const { key } = msg.body as { key: string };
    const wanted = sessionOf(key).acked;
    const got = await serve(msg, { key }, (answer) => Number(answer.body.version) >= wanted);
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
