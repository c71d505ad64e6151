import type { AnyMessage, Node } from '@playground/node';

/** How long the gateway waits for a service. */
const CALL_TIMEOUT_MS = 1000;
/** The gateway can run this many calls at once (think of its worker threads). */
const THREADS = 10;

// [1]
class Pool {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  inFlight(): number {
    return this.busy;
  }

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
  const pool = new Pool(THREADS);

  // [2]
  node.on('request', async (msg: AnyMessage) => {
    const { id, service } = msg.body;
    try {
      const answer = await pool.run(() => {
        node.metric('in_flight', pool.inFlight());
        return node.rpc(service, 'work', { id }, { timeout: CALL_TIMEOUT_MS });
      });
      node.reply(msg, answer.body);
    } catch {
      // [3]
      node.reply(msg, { id, error: `${service} did not answer` }, 'request_failed');
    }
    node.state.in_flight = pool.inFlight();
  });
}

/*
[1]
One pool of 10 calls for everything, like a server's pool of worker threads: a request that finds all 10
busy waits in line for one to free up.

[2]
Each request names its service; the gateway calls it and passes its answer on (`request_ok`).

[3]
No answer within 1000 ms: the client is told so (`request_failed`). While a service is slow, each call to it
holds one of the 10 places for a whole second, and every request behind it, for either service, waits.
*/
