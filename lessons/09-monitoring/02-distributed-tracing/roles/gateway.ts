import type { Node } from '@playground/node';

export default function gateway(node: Node) {
  // [1]
  node.on('order', async (msg) => {
    const { order, item } = msg.body as { order: number; item: string };
    try {
      const [stock, price] = await Promise.all(
        ['service-1', 'service-2'].map((s) => node.rpc(s, 'quote', { order, item }, { timeout: 1000 })),
      );
      node.reply(msg, { order, stock: stock!.body.value, price: price!.body.value });
    } catch {
      node.reply(msg, { order, error: 'a service did not answer' });
    }
    // [2]
    if (node.random() < 0.1) node.send('tracer', 'keep', { traceId: msg.trace?.traceId ?? '' });
  });
}

/*
[1]
The gateway asks both services at once and answers with both parts. Its calls carry no trace context, so
each service starts a trace of its own: the order's trace stops at the gateway, and two orphan traces begin
behind it. A service that is slow, paused or cut off makes the whole order wait its full second, or fail.

[2]
Sampling: keeping every trace costs too much, so this keeps one in ten, drawn at random. The slow and the
failed orders, the ones anyone will ever look at, are kept one time in ten too.
*/
