/** Bug: restarts the cool-down on every request it turns away: while requests keep coming the cool-down never ends, so the circuit never half-opens and traffic never resumes. */
import type { AnyMessage, Node } from '@playground/node';

const CALL_TIMEOUT_MS = 300;
const TRIP_AFTER = 5;
const COOL_DOWN_MS = 1000;

type BreakerState = 'closed' | 'open' | 'half-open';

export default function gateway(node: Node) {
  let state: BreakerState = 'closed';
  let failures = 0;
  let probing = false;
  let openedAt = 0;
  const enter = (next: BreakerState) => {
    state = next;
    failures = 0;
    probing = false;
    node.state.breaker = state;
    if (next === 'open') openedAt = node.monotonic();
  };
  enter('closed');

  node.on('request', async (msg: AnyMessage) => {
    const { id } = msg.body;
    if (state === 'open') {
      if (node.monotonic() - openedAt >= COOL_DOWN_MS) enter('half-open');
      else {
        openedAt = node.monotonic(); // "the service is still failing": wait a full cool-down from now
        return node.reply(msg, { id, fallback: 'try again later' }, 'request_fallback');
      }
    }
    if (state === 'half-open' && probing)
      return node.reply(msg, { id, fallback: 'try again later' }, 'request_fallback');
    if (state === 'half-open') probing = true;
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
