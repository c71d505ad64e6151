import type { AnyMessage, Node } from '@playground/node';

/** How long the gateway waits for the service. */
const CALL_TIMEOUT_MS = 300;

export default function gateway(node: Node) {
  let failures = 0;
  node.state.failures = 0;

  // [1]
  node.on('request', async (msg: AnyMessage) => {
    const { id } = msg.body;
    try {
      const answer = await node.rpc('service', 'work', { id }, { timeout: CALL_TIMEOUT_MS });
      node.reply(msg, answer.body);
    } catch {
      // [2]
      failures += 1;
      node.state.failures = failures;
      node.reply(msg, { id, fallback: 'try again later' }, 'request_fallback');
    }
  });
}

/*
[1]
Every request is a call to the service, with a 300 ms timeout; its answer is passed on (`request_ok`).

[2]
No answer in time: the client gets a fallback (`request_fallback`). While the service hangs, every request
still calls it, waits the whole 300 ms, and only then falls back: the clients wait, the gateway holds dozens
of calls open, and the service, once it wakes, finds a pile of work nobody wants any more.

Your exercise: a circuit breaker, as an XState machine with three states (`import { setup, createActor,
assign } from 'xstate'`; run the actor on the node's clock: `createActor(machine, { clock: { setTimeout:
(fn, ms) => node.setTimer(ms, fn), clearTimeout: (t) => t.cancel() } })`).
- closed: calls go through; count failures in a row, and a success resets the count. 5 in a row: open.
- open: no calls; answer the fallback at once. After a 1000 ms cool-down: half-open.
- half-open: let one call through (a probe), and answer the fallback to the others meanwhile. The probe
  answered: closed. The probe failed: open again, for another cool-down.
Show the state in `node.state.breaker` (the inspector shows it live).
*/
