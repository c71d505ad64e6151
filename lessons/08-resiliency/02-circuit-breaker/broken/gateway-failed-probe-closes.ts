/** Bug: half-open closes the circuit when the probe comes back, answered or not: a failed probe lets the full stream of calls back onto the hung service every cool-down. */
import type { AnyMessage, Node } from '@playground/node';

const CALL_TIMEOUT_MS = 300;
const TRIP_AFTER = 5;
const COOL_DOWN_MS = 1000;

type BreakerState = 'closed' | 'open' | 'half-open';

export default function gateway(node: Node) {
  let state: BreakerState = 'closed';
  let failures = 0;
  let probing = false;
  const enter = (next: BreakerState) => {
    state = next;
    failures = 0;
    probing = false;
    node.state.breaker = state;
    if (next === 'open') node.setTimer(COOL_DOWN_MS, () => enter('half-open'));
  };
  enter('closed');

  node.on('request', async (msg: AnyMessage) => {
    const { id } = msg.body;
    const call = state === 'closed' || (state === 'half-open' && !probing);
    if (!call) return node.reply(msg, { id, fallback: 'try again later' }, 'request_fallback');
    const probe = state === 'half-open';
    if (probe) probing = true;
    try {
      const answer = await node.rpc('service', 'work', { id }, { timeout: CALL_TIMEOUT_MS });
      if (state === 'closed') failures = 0;
      node.reply(msg, answer.body);
    } catch {
      if (state === 'closed' && ++failures >= TRIP_AFTER) enter('open');
      node.reply(msg, { id, fallback: 'try again later' }, 'request_fallback');
    } finally {
      if (probe) enter('closed'); // the probe is back: try again
    }
  });
}
