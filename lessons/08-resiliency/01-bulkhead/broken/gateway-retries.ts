/** Bug: a bulkhead per service that retries a timed-out call once inside its place: twice the calls to the slow service, and its clients wait two seconds for a "no". */
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
      node.reply(msg, { id, error: `${service} is busy` }, 'request_failed');
      return;
    }
    busy.set(service, busy.get(service)! + 1);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const answer = await node.rpc(service, 'work', { id }, { timeout: CALL_TIMEOUT_MS });
          node.reply(msg, answer.body);
          return;
        } catch {
          if (attempt >= 2) {
            node.reply(msg, { id, error: `${service} did not answer` }, 'request_failed');
            return;
          }
        }
      }
    } finally {
      busy.set(service, busy.get(service)! - 1);
    }
  });
}
