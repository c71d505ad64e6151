/** Bug: a bulkhead per service that, when full, answers request_ok with a placeholder of its own: the client is told it worked, though no service did the work. */
import type { AnyMessage, Node } from '@playground/node';

const CALL_TIMEOUT_MS = 1000;
const THREADS = 10;

export default function gateway(node: Node) {
  const services = node.peers('service');
  const busy = new Map(services.map((s) => [s, 0]));
  const size = THREADS / services.length;
  node.on('request', async (msg: AnyMessage) => {
    const { id, service } = msg.body;
    if ((busy.get(service) ?? size) >= size) {
      node.reply(msg, { id, by: service, token: 'cached' });
      return;
    }
    busy.set(service, busy.get(service)! + 1);
    try {
      const answer = await node.rpc(service, 'work', { id }, { timeout: CALL_TIMEOUT_MS });
      node.reply(msg, answer.body);
    } catch {
      node.reply(msg, { id, error: `${service} did not answer` }, 'request_failed');
    } finally {
      busy.set(service, busy.get(service)! - 1);
    }
  });
}
