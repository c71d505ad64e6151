import type { AnyMessage, Node } from '@playground/node';

const REPLICAS = ['replica-1', 'replica-2'];
/** How long the cache waits for a replica. */
const CALL_TIMEOUT_MS = 250;
/** How old an answer may be: the store promises its readers nothing staler than this. */
const TTL_MS = 500;

type Entry = {
  key: string;
  value: string | null;
  version: number;
};

export default function cache(node: Node) {
  const entries = new Map<string, Entry>();
  let next = 0;
  // [1]
  const window = { reads: 0, hits: 0, backend: 0 };
  node.every(1000, () => {
    node.metric('hit_rate', window.reads ? window.hits / window.reads : 0);
    node.metric('backend_per_s', window.backend);
    Object.assign(window, { reads: 0, hits: 0, backend: 0 });
  });
  node.state.ttl_ms = TTL_MS;

  // [2]
  node.on('get', async (msg: AnyMessage) => {
    const key = String(msg.body.key);
    window.reads += 1;
    const hit = entries.get(key);
    if (hit) {
      window.hits += 1;
      node.reply(msg, hit);
      return;
    }
    const replica = REPLICAS[next++ % REPLICAS.length] ?? 'replica-1';
    try {
      window.backend += 1;
      const answer = await node.rpc(replica, 'read', { key }, { timeout: CALL_TIMEOUT_MS });
      const entry: Entry = {
        key,
        value: answer.body.value as string | null,
        version: Number(answer.body.version),
      };
      entries.set(key, entry);
      node.state.entries = entries.size;
      node.reply(msg, entry);
    } catch {
      node.reply(msg, { key }, 'get_error');
    }
  });
}

/*
[1]
The cache charts its hit rate (reads answered from memory, per second) and how many reads it sent the
replicas: open the **Metrics** tab.

[2]
A hit is answered from memory at once; a miss asks a replica (round robin) and keeps its answer. Forever:
nothing ever leaves `entries`, so once the writer changes a key, this cache serves the old value until the
end of the run.

Your exercise: make it a cache the store can stand behind.
- No answer older than TTL_MS: an entry is fresh for 500 ms after its replica's reply arrived, measured on
  node.monotonic() (node.now() is the wall clock: it can be set back), then fetched again.
- A replica that does not answer in time is not the key's value: try the other replica, and never keep a
  failure as if it were an answer.
- Many reads of one key that miss together make one replica read, not one each (coalesce them).
- It must still cut the load: at most 0.12 replica reads per client read.
*/
