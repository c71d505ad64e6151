/** Bug: skips the real work but looks right: when the server does not answer, it serves the cached value with `at` set to now, so a stale answer looks fresh. */
import type { AnyMessage, Node } from '@playground/node';

const TTL_MS = 1000;
const SERVER_TIMEOUT_MS = 300;

interface Entry {
  answer: AnyMessage;
  askedAt: number;
}

export default function proxy(node: Node) {
  const cache = new Map<string, Entry>();
  // [1]
  const inFlight = new Map<string, Promise<AnyMessage>>();
  let gets = 0;
  let hits = 0;
  let stale = 0;

  function show() {
    node.state.gets = gets;
    node.state.hits = hits;
    node.state.stale = stale;
    node.state.cached = [...cache.keys()];
    node.metric('hit_ratio', gets ? hits / gets : 0);
  }

  // [2]
  async function fetch(key: string): Promise<AnyMessage> {
    const pending = inFlight.get(key);
    if (pending) return pending;
    const askedAt = node.monotonic();
    const request = node.rpc('server', 'get', { key }, { timeout: SERVER_TIMEOUT_MS });
    inFlight.set(key, request);
    try {
      const answer = await request;
      cache.set(key, { answer, askedAt });
      return answer;
    } finally {
      inFlight.delete(key);
    }
  }

  node.on('get', async (msg) => {
    const key: string = msg.body.key;
    gets += 1;
    const entry = cache.get(key);
    // [3]
    if (entry && node.monotonic() - entry.askedAt < TTL_MS) {
      hits += 1;
      node.reply(msg, entry.answer.body);
      show();
      return;
    }
    try {
      const answer = await fetch(key);
      node.reply(msg, answer.body);
    } catch {
      // [4]
      if (entry) {
        stale += 1;
        node.reply(msg, { ...entry.answer.body, at: node.now() });
      }
    }
    show();
  });
}
