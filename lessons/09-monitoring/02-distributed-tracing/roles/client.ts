import type { Node } from '@playground/node';

const ITEMS = ['book', 'lamp', 'mug', 'pen', 'sock', 'tea', 'vase', 'yarn'];

const hex = (node: Node, n: number) =>
  Array.from({ length: n }, () => Math.floor(node.random() * 16).toString(16)).join('');

/** Shoppers: an order every 25 ms until 8 s, each the root of a new trace; waits at most 3 s for it. */
export default function client(node: Node) {
  let order = 100 * (1 + Math.floor(node.random() * 90));
  const ticker = node.every(25, () => {
    if (node.monotonic() > 8000) return ticker.cancel();
    order += 1;
    const item = ITEMS[Math.floor(node.random() * ITEMS.length)]!;
    // [1]
    const trace = { traceId: hex(node, 16), spanId: hex(node, 8) };
    node.rpc('gateway', 'order', { order, item }, { timeout: 3000, trace }).catch(() => {
      node.warn(`order ${order} got no answer`);
    });
  });
}

/*
[1]
Every order starts a trace: a new `traceId` (drawn per seed) and the root span's `spanId`, with no
parent. The message carries them in its `trace` field (the **Sequence** tab shows it). Whatever is done
for this order, on any node, belongs to this trace.
*/
