import type { Node } from '@playground/node';

/** A client: one request every 10 ms until 13 s, each waited on for at most 2 s. */
export default function client(node: Node) {
  let id = Math.floor(node.random() * 1000) * 2 + (node.id.endsWith('2') ? 1 : 0);
  const ticker = node.every(10, async () => {
    if (node.monotonic() > 13_000) return ticker.cancel();
    id += 2;
    const started = node.monotonic();
    try {
      await node.rpc('balancer', 'request', { id }, { timeout: 2000 });
      node.metric('latency_ms', node.monotonic() - started);
    } catch {
      node.warn(`request ${id} got no answer within 2000 ms`);
    }
  });
}
