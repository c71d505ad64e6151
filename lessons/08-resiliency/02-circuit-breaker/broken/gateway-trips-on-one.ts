/** Bug: a breaker that opens on the first failure: one lost message while the service is healthy, and every request gets a fallback for a second. */
import type { AnyMessage, Node } from '@playground/node';

const CALL_TIMEOUT_MS = 300;
const COOL_DOWN_MS = 1000;

type BreakerState = 'closed' | 'open' | 'half-open';

export default function gateway(node: Node) {
  let state: BreakerState = 'closed';
  let probing = false;
  const enter = (next: BreakerState) => {
    state = next;
    probing = false;
    node.state.breaker = state;
    if (next === 'open') node.setTimer(COOL_DOWN_MS, () => enter('half-open'));
  };
  enter('closed');

  node.on('request', async (msg: AnyMessage) => {
    const { id } = msg.body;
    const call = state === 'closed' || (state === 'half-open' && !probing);
    if (!call) return node.reply(msg, { id, fallback: 'try again later' }, 'request_fallback');
    if (state === 'half-open') probing = true;
    try {
      const answer = await node.rpc('service', 'work', { id }, { timeout: CALL_TIMEOUT_MS });
      if (state === 'half-open') enter('closed');
      node.reply(msg, answer.body);
    } catch {
      if (state !== 'open') enter('open');
      node.reply(msg, { id, fallback: 'try again later' }, 'request_fallback');
    }
  });
}
