/** Bug: no pool at all: every request is called out at once, so a slow service gets dozens of calls in flight and the gateway's 10 places mean nothing. */
import type { AnyMessage, Node } from '@playground/node';

const CALL_TIMEOUT_MS = 1000;

export default function gateway(node: Node) {
  node.on('request', async (msg: AnyMessage) => {
    const { id, service } = msg.body;
    try {
      const answer = await node.rpc(service, 'work', { id }, { timeout: CALL_TIMEOUT_MS });
      node.reply(msg, answer.body);
    } catch {
      node.reply(msg, { id, error: `${service} did not answer` }, 'request_failed');
    }
  });
}
