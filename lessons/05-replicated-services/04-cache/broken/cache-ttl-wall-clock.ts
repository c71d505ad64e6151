/** Bug: measures an entry's age on node.now(): when the cache's wall clock is set back, every entry looks seconds younger and is served seconds past its TTL. */
import type { AnyMessage, Node } from '@playground/node';

const REPLICAS = ['replica-1', 'replica-2'];
/** How long the cache waits for a replica. */
const CALL_TIMEOUT_MS = 250;
/** How old an answer may be: the store promises its readers nothing staler than this. */
const TTL_MS = 500;

interface Entry {
  key: string;
  value: string | null;
  version: number;
  /** node.now() when the replica's reply arrived. */
  fetchedAt: number;
}

export default function cache(node: Node) {
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry | undefined>>();
  let next = 0;
  const window = { reads: 0, hits: 0, backend: 0 };
  node.every(1000, () => {
    node.metric('hit_rate', window.reads ? window.hits / window.reads : 0);
    node.metric('backend_per_s', window.backend);
    Object.assign(window, { reads: 0, hits: 0, backend: 0 });
  });
  node.state.ttl_ms = TTL_MS;

  // [1]
  async function fetchFromReplicas(key: string): Promise<Entry | undefined> {
    const first = next++;
    for (let i = 0; i < REPLICAS.length; i++) {
      const replica = REPLICAS[(first + i) % REPLICAS.length] ?? 'replica-1';
      try {
        window.backend += 1;
        const answer = await node.rpc(replica, 'read', { key }, { timeout: CALL_TIMEOUT_MS });
        const { value, version } = answer.body as { value: string | null; version: number };
        return { key, value, version, fetchedAt: node.now() };
      } catch {
        // No answer in time: not a value. Ask the next replica.
      }
    }
    return undefined;
  }

  // [2]
  function load(key: string): Promise<Entry | undefined> {
    let pending = inFlight.get(key);
    if (!pending) {
      pending = fetchFromReplicas(key).then((entry) => {
        inFlight.delete(key);
        if (entry) entries.set(key, entry);
        node.state.entries = entries.size;
        return entry;
      });
      inFlight.set(key, pending);
    }
    return pending;
  }

  // [3]
  node.on('get', async (msg: AnyMessage) => {
    const key = String(msg.body.key);
    window.reads += 1;
    const hit = entries.get(key);
    if (hit && node.now() - hit.fetchedAt < TTL_MS) {
      window.hits += 1;
      node.reply(msg, { key, value: hit.value, version: hit.version });
      return;
    }
    const entry = await load(key);
    if (entry) node.reply(msg, { key, value: entry.value, version: entry.version });
    else node.reply(msg, { key }, 'get_error');
  });
}
