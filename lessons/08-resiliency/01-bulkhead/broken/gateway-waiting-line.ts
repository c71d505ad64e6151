/** Bug: a bulkhead of 5 per service, but with a waiting line: the healthy service is fine, while requests for the slow one wait in line for seconds instead of being turned away. */
import type { AnyMessage, Node } from '@playground/node';

const CALL_TIMEOUT_MS = 1000;
const THREADS = 10;

class Pool {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly size: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy += 1;
    try {
      return await task();
    } finally {
      this.busy -= 1;
      this.waiting.shift()?.();
    }
  }
}

export default function gateway(node: Node) {
  const services = node.peers('service');
  const pools = new Map(services.map((s) => [s, new Pool(THREADS / services.length)]));
  node.on('request', async (msg: AnyMessage) => {
    const { id, service } = msg.body;
    try {
      const answer = await pools
        .get(service)!
        .run(() => node.rpc(service, 'work', { id }, { timeout: CALL_TIMEOUT_MS }));
      node.reply(msg, answer.body);
    } catch {
      node.reply(msg, { id, error: `${service} did not answer` }, 'request_failed');
    }
  });
}
