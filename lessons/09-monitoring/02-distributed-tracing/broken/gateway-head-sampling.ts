/** Bug: decides to keep one trace in ten when the order arrives (head sampling), before it knows how the order will go. */
import type { AnyMessage, Node, TraceContext } from '@playground/node';

const TIMEOUT_MS = 200;
const ATTEMPTS = 6;
const BACKOFF_MS = 50;
/** An order that took longer than this at the gateway is a slow trace: always kept. */
const SLOW_MS = 200;
/** The share of the other traces kept, to know what normal looks like. */
const KEEP_FAST = 0.1;

const hex = (node: Node, n: number) =>
  Array.from({ length: n }, () => Math.floor(node.random() * 16).toString(16)).join('');

export default function gateway(node: Node) {
  // [1]
  async function quote(service: string, body: { order: number; item: string }, parent: TraceContext) {
    for (let attempt = 1; ; attempt++) {
      const trace = { traceId: parent.traceId, spanId: hex(node, 8), parentSpanId: parent.spanId };
      try {
        return await node.rpc(service, 'quote', body, { timeout: TIMEOUT_MS, trace });
      } catch (e) {
        if (attempt === ATTEMPTS) throw e;
        await node.sleep(BACKOFF_MS * 2 ** (attempt - 1));
      }
    }
  }

  node.on('order', async (msg: AnyMessage) => {
    const started = node.monotonic();
    // Decide up front, so every span of the trace knows whether it is sampled.
    const sampled = node.random() < KEEP_FAST;
    if (sampled) node.send('tracer', 'keep', { traceId: msg.trace?.traceId ?? '' });
    const { order, item } = msg.body as { order: number; item: string };
    // [2]
    const root = msg.trace ?? { traceId: hex(node, 16), spanId: hex(node, 8) };
    let failed = false;
    try {
      const [stock, price] = await Promise.all([
        quote('service-1', { order, item }, root),
        quote('service-2', { order, item }, root),
      ]);
      node.reply(msg, { order, stock: stock.body.value, price: price.body.value });
    } catch {
      failed = true;
      node.reply(msg, { order, error: 'a service did not answer' });
    }
    // [3]
    const slow = node.monotonic() - started > SLOW_MS;
    if (!sampled && (failed || slow)) node.send('tracer', 'keep', { traceId: root.traceId });
  });
}
