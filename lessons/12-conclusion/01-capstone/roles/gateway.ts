import type { AnyMessage, Node } from '@playground/node';

/** How long the gateway waits for a replica. */
const CALL_TIMEOUT_MS = 150;

/** The gateway: one front door for a sharded, replicated key-value store. The naive composition. */
export default function gateway(node: Node) {
  // [1]
  const replicas = node.peers('replica');
  const shards = [replicas.slice(0, 2), replicas.slice(2, 4)];
  const shardOf = (key: string) => shards[hash(key) % shards.length]!;

  // [2]
  const next = shards.map(() => 0);
  const pick = (shard: string[]) => {
    const i = shards.indexOf(shard);
    return shard[(next[i] = next[i]! + 1) % shard.length]!;
  };

  // [3]
  node.on('put', async (msg: AnyMessage) => {
    const { key, value } = msg.body as { key: string; value: string };
    const replica = pick(shardOf(key));
    try {
      await node.rpc(replica, 'put', { key, value }, { timeout: CALL_TIMEOUT_MS });
      node.reply(msg, { key });
    } catch {
      node.reply(msg, { key, error: `${replica} did not answer` }, 'error');
    }
  });

  node.on('get', async (msg: AnyMessage) => {
    const { key } = msg.body as { key: string };
    const replica = pick(shardOf(key));
    try {
      const answer = await node.rpc(replica, 'get', { key }, { timeout: CALL_TIMEOUT_MS });
      node.reply(msg, { key, value: answer.body.value });
    } catch {
      node.reply(msg, { key, error: `${replica} did not answer` }, 'error');
    }
  });
}

// [4]
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
Sharding: the key decides the shard (chapter 3). `replica-1` and `replica-2` hold shard 1, `replica-3` and
`replica-4` shard 2; the hash of the key picks one pair. Every key always goes to the same pair.

[2]
Load balancing: round robin over the shard's two replicas (chapter 5), whether they work or not.

[3]
One call per request, a 150 ms timeout, and an error if it is not answered. Nothing else: no retry, no
memory of which replica is failing, no trace context on the call, and a read goes to whichever replica is
next, though the write it should see may not have reached it yet.

[4]
FNV-1a: a deterministic hash, so every run (and every gateway) puts a key on the same shard.

Your exercise: make this gateway the one the whole system needs.
- A circuit breaker per replica (chapter 8): 3 failures in a row open it, an 800 ms cool-down, then one
  probe. Send calls only where the circuit allows, and retry a failed call once on the twin.
- Read your writes: remember the version each write got (`put_ok` says it), pass it as `after` on the next
  write of that key, and accept a read only from a replica whose `version` is at least that.
- Trace context (chapter 9): every call carries the request's `traceId`, a fresh `spanId`, and the
  request's span as its `parentSpanId`.
*/
