/** Bug: half-open lets every request through until one is answered, not one probe: each cool-down of a dead replica ends in a burst of calls to it. */
import type { AnyMessage, Json, Node } from '@playground/node';

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
    if (b.state === 'half-open') return (b.probing = true);
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

  async function call(replica: string, type: string, body: Json) {
    try {
      const answer = await node.rpc(replica, type, body, { timeout: CALL_TIMEOUT_MS });
      succeeded(replica);
      return answer;
    } catch {
      failed(replica);
      return undefined;
    }
  }

  const next = shards.map(() => 0);
  function order(key: string): string[] {
    const shard = shardOf(key);
    const i = shards.indexOf(shard);
    const start = (next[i] = next[i]! + 1) % shard.length;
    const turn = [...shard.slice(start), ...shard.slice(0, start)];
    const first = turn.find((r) => breakers.get(r)!.state === 'half-open');
    return first ? [first, ...turn.filter((r) => r !== first)] : turn;
  }

  async function serve(msg: AnyMessage, body: Json) {
    const key = (msg.body as { key: string }).key;
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) await node.sleep(BACKOFF_MS);
      for (const replica of order(key)) {
        if (!allows(replica)) continue;
        const answer = await call(replica, msg.type, body);
        if (answer) return answer;
      }
    }
    return undefined;
  }

  node.on('put', async (msg: AnyMessage) => {
    const { key, value } = msg.body as { key: string; value: string };
    const answer = await serve(msg, { key, value });
    if (!answer) return node.reply(msg, { key, error: 'no replica of its shard took the write' }, 'error');
    node.reply(msg, { key });
  });

  node.on('get', async (msg: AnyMessage) => {
    const { key } = msg.body as { key: string };
    const answer = await serve(msg, { key });
    if (!answer) return node.reply(msg, { key, error: 'no replica of its shard answered' }, 'error');
    node.reply(msg, { key, value: answer.body.value });
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
