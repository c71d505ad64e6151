/** Bug: a limit of 5 per service, but one waiting line for both: a request for the healthy service stuck behind one for the slow service waits as long (head-of-line blocking). */
import type { AnyMessage, Node } from '@playground/node';

const CALL_TIMEOUT_MS = 1000;
const THREADS = 10;

export default function gateway(node: Node) {
  const services = node.peers('service');
  const busy = new Map(services.map((s) => [s, 0]));
  const size = THREADS / services.length;
  const line: { msg: AnyMessage }[] = [];

  function pump() {
    while (line.length > 0) {
      const { msg } = line[0]!;
      if (busy.get(msg.body.service)! >= size) return; // the head waits, and so does everyone behind it
      line.shift();
      void call(msg);
    }
  }

  async function call(msg: AnyMessage) {
    const { id, service } = msg.body;
    busy.set(service, busy.get(service)! + 1);
    try {
      const answer = await node.rpc(service, 'work', { id }, { timeout: CALL_TIMEOUT_MS });
      node.reply(msg, answer.body);
    } catch {
      node.reply(msg, { id, error: `${service} did not answer` }, 'request_failed');
    } finally {
      busy.set(service, busy.get(service)! - 1);
      pump();
    }
  }

  node.on('request', (msg: AnyMessage) => {
    line.push({ msg });
    pump();
  });
}
