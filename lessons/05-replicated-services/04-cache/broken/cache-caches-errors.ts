/** Bug: keeps a replica's timeout in the cache as if it were an answer, without asking the other replica: for 500 ms every read of that key gets get_error, though the other replica is up. */
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
  /** The replica did not answer: remembered like an answer. */
  error?: boolean;
  /** node.monotonic() when the replica's reply arrived. */
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
    const replica = REPLICAS[next++ % REPLICAS.length] ?? 'replica-1';
    try {
      window.backend += 1;
      const answer = await node.rpc(replica, 'read', { key }, { timeout: CALL_TIMEOUT_MS });
      const { value, version } = answer.body as { value: string | null; version: number };
      return { key, value, version, fetchedAt: node.monotonic() };
    } catch {
      // The replica is down: remember that, so we do not hammer it.
      return { key, value: null, version: 0, fetchedAt: node.monotonic(), error: true };
    }
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
    if (hit && node.monotonic() - hit.fetchedAt < TTL_MS) {
      window.hits += 1;
      if (hit.error) node.reply(msg, { key }, 'get_error');
      else node.reply(msg, { key, value: hit.value, version: hit.version });
      return;
    }
    const entry = await load(key);
    if (entry && !entry.error) node.reply(msg, { key, value: entry.value, version: entry.version });
    else node.reply(msg, { key }, 'get_error');
  });
}
