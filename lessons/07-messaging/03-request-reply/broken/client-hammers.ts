/** Bug: retries every 20 ms (a 20 ms timeout, no backoff): a retry storm against a server that is only slow. */
import type { Node } from '@playground/node';

const BURSTS = [1000, 6000, 11_000, 16_000, 24_000];
const PER_BURST = 3;
const TIMEOUT_MS = 20;
const DEADLINE_MS = 8000;

// Request-reply that survives a non-idempotent server: an idempotency key per deposit, retries with
// exponential backoff and jitter, and a deadline after which the client gives up.
export default function accountClient(node: Node) {
  const [server] = node.peers('server');
  node.state = { sent: 0, confirmed: 0, retries: 0, gaveUp: 0 };

  async function sendRequest(n: number, amount: number) {
    const key = `${node.id}-${n}-${Math.floor(node.random() * 1e9)}`;
    const started = node.monotonic();
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await node.rpc(server!, 'deposit', { n, amount, key }, { timeout: TIMEOUT_MS });
        node.state.confirmed = Number(node.state.confirmed) + 1;
        node.log(`deposit #${n} of ${amount}: balance ${reply.body.balance}`);
        return;
      } catch {
        const wait = 0;
        if (node.monotonic() + wait >= started + DEADLINE_MS) {
          node.state.gaveUp = Number(node.state.gaveUp) + 1;
          node.warn(`deposit #${n}: no answer within ${DEADLINE_MS} ms, giving up`);
          return;
        }
        node.state.retries = Number(node.state.retries) + 1;
        await node.sleep(wait);
      }
    }
  }

  BURSTS.forEach((at, b) => {
    for (let k = 1; k <= PER_BURST; k++) {
      const n = b * PER_BURST + k;
      const amount = 1 + Math.floor(node.random() * 100);
      node.setTimer(at, async () => {
        node.state.sent = Number(node.state.sent) + 1;
        await sendRequest(n, amount);
      });
    }
  });
}
