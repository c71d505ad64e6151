/** Bug: one pool of 10 for both services that turns excess away at once: fast "no"s, but the slow service fills all 10 places and the healthy one is turned away too. */
import type { AnyMessage, Node } from '@playground/node';

const CALL_TIMEOUT_MS = 1000;
const THREADS = 10;

export default function gateway(node: Node) {
  let busy = 0;
  node.on('request', async (msg: AnyMessage) => {
    const { id, service } = msg.body;
    if (busy >= THREADS) {
      node.reply(msg, { id, error: 'busy' }, 'request_failed');
      return;
    }
    busy += 1;
    try {
      const answer = await node.rpc(service, 'work', { id }, { timeout: CALL_TIMEOUT_MS });
      node.reply(msg, answer.body);
    } catch {
      node.reply(msg, { id, error: `${service} did not answer` }, 'request_failed');
    } finally {
      busy -= 1;
    }
  });
}
