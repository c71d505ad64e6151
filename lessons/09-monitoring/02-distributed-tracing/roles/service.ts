import type { Node } from '@playground/node';

const hex = (node: Node, n: number) =>
  Array.from({ length: n }, () => Math.floor(node.random() * 16).toString(16)).join('');

/** service-1 tells an item's stock, service-2 its price; each reads the store, and now and then is slow. */
export default function service(node: Node) {
  const part = node.id === 'service-1' ? 'stock' : 'price';

  node.on('quote', async (msg) => {
    const { order, item } = msg.body as { order: number; item: string };
    // [1]
    const trace = msg.trace
      ? { traceId: msg.trace.traceId, spanId: hex(node, 8), parentSpanId: msg.trace.spanId }
      : { traceId: hex(node, 16), spanId: hex(node, 8) };
    const row = await node.rpc('store', 'read', { order, item, part }, { timeout: 500, trace });
    // [2]
    const slow = node.random() < 0.05;
    await node.sleep(slow ? 150 + Math.floor(node.random() * 350) : 5 + Math.floor(node.random() * 20));
    node.reply(msg, { order, part, value: row.body.value });
  });
}

/*
[1]
How a node passes a trace on: the call it makes for a request is a new span (a fresh `spanId`) in the same
trace (`traceId`), whose parent is the span of the request it is serving (`parentSpanId`). A request that
came without a context gets a trace of its own, with this span as its root: a second, orphan tree.

[2]
The slow tail: one call in twenty takes 150 to 500 ms instead of 5 to 25. Nobody knows in advance which.
*/
