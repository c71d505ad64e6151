/** Bug: half-open lets every request through until one is answered, not one probe: each cool-down ends in a burst of calls to the hung service. */
import type { AnyMessage, Node } from '@playground/node';

const CALL_TIMEOUT_MS = 300;
const TRIP_AFTER = 5;
const COOL_DOWN_MS = 1000;

type BreakerState = 'closed' | 'open' | 'half-open';

export default function gateway(node: Node) {
  let state: BreakerState = 'closed';
  let failures = 0;
  const enter = (next: BreakerState) => {
    state = next;
    failures = 0;
    node.state.breaker = state;
    if (next === 'open') node.setTimer(COOL_DOWN_MS, () => enter('half-open'));
  };
  enter('closed');

  node.on('request', async (msg: AnyMessage) => {
    const { id } = msg.body;
    if (state === 'open') return node.reply(msg, { id, fallback: 'try again later' }, 'request_fallback');
    try {
      const answer = await node.rpc('service', 'work', { id }, { timeout: CALL_TIMEOUT_MS });
      if (state === 'half-open') enter('closed');
      else failures = 0;
      node.reply(msg, answer.body);
    } catch {
      if (state === 'half-open') enter('open');
      else if (state === 'closed' && ++failures >= TRIP_AFTER) enter('open');
      node.reply(msg, { id, fallback: 'try again later' }, 'request_fallback');
    }
  });
}
