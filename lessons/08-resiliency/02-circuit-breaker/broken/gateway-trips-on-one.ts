/** Bug: a breaker that opens on the first failure: one lost message while the service is healthy, and every request gets a fallback for a second. */
import type { AnyMessage, Node, Timer } from '@playground/node';
import { assign, createActor, setup } from 'xstate';

/** How long the gateway waits for the service. */
const CALL_TIMEOUT_MS = 300;
/** How long the circuit stays open before it lets a probe through. */
const COOL_DOWN_MS = 1000;

type BreakerState = 'closed' | 'open' | 'half-open';

// [1]
const breaker = setup({
  types: {} as {
    context: { failures: number; probing: boolean };
    events: { type: 'success' } | { type: 'failure' } | { type: 'probe' };
  },
  delays: { coolDown: COOL_DOWN_MS },
}).createMachine({
  id: 'breaker',
  initial: 'closed',
  context: { failures: 0, probing: false },
  states: {
    closed: {
      entry: assign({ failures: 0, probing: false }),
      on: {
        success: { actions: assign({ failures: 0 }) },
        failure: 'open',
      },
    },
    open: {
      entry: assign({ failures: 0, probing: false }),
      after: { coolDown: 'half-open' },
    },
    'half-open': {
      on: {
        probe: { actions: assign({ probing: true }) },
        success: 'closed',
        failure: 'open',
      },
    },
  },
});

export default function gateway(node: Node) {
  const level: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

  // [2]
  const actor = createActor(breaker, {
    clock: {
      setTimeout: (fn, ms) => node.setTimer(ms, fn, 'cool-down'),
      clearTimeout: (timer: Timer) => timer.cancel(),
    },
  });
  let shown: BreakerState = 'closed';
  node.state.breaker = shown;
  node.state.failures = 0;
  actor.subscribe((snapshot) => {
    const state = snapshot.value as BreakerState;
    node.state.breaker = state;
    node.state.failures = snapshot.context.failures;
    if (state === shown) return;
    node.log(`breaker: ${shown} -> ${state}`);
    node.metric('breaker', level[state]);
    shown = state;
  });
  actor.start();

  // [3]
  function mayCall(): boolean {
    const snapshot = actor.getSnapshot();
    if (snapshot.matches('closed')) return true;
    if (snapshot.matches('half-open') && !snapshot.context.probing) {
      actor.send({ type: 'probe' });
      return true;
    }
    return false;
  }

  node.on('request', async (msg: AnyMessage) => {
    const { id } = msg.body;
    if (!mayCall()) {
      node.reply(msg, { id, fallback: 'try again later' }, 'request_fallback');
      return;
    }
    try {
      const answer = await node.rpc('service', 'work', { id }, { timeout: CALL_TIMEOUT_MS });
      actor.send({ type: 'success' });
      node.reply(msg, answer.body);
    } catch {
      actor.send({ type: 'failure' });
      node.reply(msg, { id, fallback: 'try again later' }, 'request_fallback');
    }
  });
}
