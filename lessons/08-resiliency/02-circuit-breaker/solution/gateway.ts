import type { AnyMessage, Node } from '@playground/node';

/** How long the gateway waits for the service. */
const CALL_TIMEOUT_MS = 300;
/** Failures in a row that open the circuit. */
const TRIP_AFTER = 5;
/** How long the circuit stays open before it lets a probe through. */
const COOL_DOWN_MS = 1000;

// [1]
type BreakerState = 'closed' | 'open' | 'half-open';
type BreakerEvent = { type: 'success' } | { type: 'failure' } | { type: 'cooled' } | { type: 'probe' };

interface BreakerContext {
  /** Failures in a row while closed. */
  failures: number;
  /** Half-open: the one probe is out. */
  probing: boolean;
}

/** The machine: from a state and an event, the next state and context. Pure, like an XState machine. */
function transition(
  state: BreakerState,
  ctx: BreakerContext,
  event: BreakerEvent,
): [BreakerState, BreakerContext] {
  switch (state) {
    case 'closed':
      if (event.type === 'success') return ['closed', { ...ctx, failures: 0 }];
      if (event.type === 'failure')
        return ctx.failures + 1 >= TRIP_AFTER
          ? ['open', { failures: 0, probing: false }]
          : ['closed', { ...ctx, failures: ctx.failures + 1 }];
      return [state, ctx];
    case 'open':
      if (event.type === 'cooled') return ['half-open', { ...ctx, probing: false }];
      return [state, ctx];
    case 'half-open':
      if (event.type === 'probe') return ['half-open', { ...ctx, probing: true }];
      if (event.type === 'success') return ['closed', { failures: 0, probing: false }];
      if (event.type === 'failure') return ['open', { failures: 0, probing: false }];
      return [state, ctx];
  }
}

export default function gateway(node: Node) {
  let state: BreakerState = 'closed';
  let ctx: BreakerContext = { failures: 0, probing: false };
  const level: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

  // [2]
  function send(event: BreakerEvent) {
    const before = state;
    [state, ctx] = transition(state, ctx, event);
    node.state.breaker = state;
    node.state.failures = ctx.failures;
    if (state === before) return;
    node.log(`breaker: ${before} -> ${state} (${event.type})`);
    node.metric('breaker', level[state]);
    if (state === 'open') node.setTimer(COOL_DOWN_MS, () => send({ type: 'cooled' }));
  }
  node.state.breaker = state;
  node.state.failures = 0;

  // [3]
  function mayCall(): boolean {
    if (state === 'closed') return true;
    if (state === 'half-open' && !ctx.probing) {
      send({ type: 'probe' });
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
      send({ type: 'success' });
      node.reply(msg, answer.body);
    } catch {
      send({ type: 'failure' });
      node.reply(msg, { id, fallback: 'try again later' }, 'request_fallback');
    }
  });
}

/*
[1]
The breaker as a state machine: three states, four events, and one pure `transition` function. It is the
shape of an XState machine (`states: { closed: { on: { failure: [...] } }, open: { after: { 1000:
'half-open' } }, ... }`): each `case` is a state node, each `if` an event it handles, the `TRIP_AFTER` test a
guard.

[2]
`send` runs an event through the machine and does what entering a state means: entering `open` starts the
cool-down timer, whose `cooled` event moves it on to `half-open`. The state is mirrored in `node.state` so
the inspector shows it live, and charted as `breaker` (0 closed, 1 half-open, 2 open).

[3]
Closed: every request calls. Half-open: the first request is the probe, the rest fall back while it is out.
Open: nobody calls, everyone gets the fallback at once. A late answer from a call made while closed counts
in whatever state the breaker is in now: a success while open changes nothing, a failure neither.
*/
