import type { AnyMessage, Node, Timer } from '@playground/node';
import { assign, createActor, setup } from 'xstate';

/** How long the gateway waits for the service. */
const CALL_TIMEOUT_MS = 300;
/** Failures in a row that open the circuit. */
const TRIP_AFTER = 5;
/** How long the circuit stays open before it lets a probe through. */
const COOL_DOWN_MS = 1000;

type BreakerState = 'closed' | 'open' | 'half-open';

// [1]
const breaker = setup({
  types: {} as {
    context: { failures: number; probing: boolean };
    events: { type: 'success' } | { type: 'failure' } | { type: 'probe' };
  },
  guards: { tripped: ({ context }) => context.failures + 1 >= TRIP_AFTER },
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
        failure: [
          { guard: 'tripped', target: 'open' },
          { actions: assign({ failures: ({ context }) => context.failures + 1 }) },
        ],
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

/*
[1]
The breaker as an XState machine: three states, three events. `closed` counts failures in a row (a success
resets the count) and the `tripped` guard opens it on the fifth; `open` leaves by itself after the
cool-down (`after: { coolDown: 'half-open' }`: a timer started on entering `open`, cancelled on leaving
it); `half-open` marks its one probe (`probing`) and closes on a success, opens again on a failure. What may
happen in which state is all here, and nothing else is.

[2]
The actor runs on the node's clock: `clock` hands XState's delays to `node.setTimer`, so the cool-down is a
virtual-time timer (labelled `cool-down` in the trace), replayed from the seed like everything else, and a
paused gateway's cool-down fires when it resumes. Each snapshot is mirrored in `node.state.breaker` (the
inspector shows it live) and charted as `breaker` (0 closed, 1 half-open, 2 open).

[3]
Closed: every request calls. Half-open: the first request is the probe, the rest fall back while it is out.
Open: nobody calls, everyone gets the fallback at once. A late answer from a call made while closed counts
in whatever state the breaker is in now: a success while open changes nothing, a failure neither.
*/
