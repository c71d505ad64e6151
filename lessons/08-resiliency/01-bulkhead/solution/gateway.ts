import type { AnyMessage, Node } from '@playground/node';

/** How long the gateway waits for a service. */
const CALL_TIMEOUT_MS = 1000;
/** The gateway can run this many calls at once (think of its worker threads)... */
const THREADS = 10;

// [1]
class Bulkhead {
  private busy = 0;

  constructor(readonly size: number) {}

  inFlight(): number {
    return this.busy;
  }

  /** Take a place if one is free; false (at once) if all are taken. */
  tryEnter(): boolean {
    if (this.busy >= this.size) return false;
    this.busy += 1;
    return true;
  }

  leave() {
    this.busy -= 1;
  }
}

export default function gateway(node: Node) {
  // [2]
  const services = node.peers('service');
  const bulkheads = new Map(services.map((s) => [s, new Bulkhead(THREADS / services.length)]));

  const show = () => {
    let total = 0;
    for (const [s, b] of bulkheads) {
      node.state[s] = `${b.inFlight()} of ${b.size} in flight`;
      total += b.inFlight();
    }
    node.metric('in_flight', total);
  };
  show();

  node.on('request', async (msg: AnyMessage) => {
    const { id, service } = msg.body;
    const bulkhead = bulkheads.get(service);
    // [3]
    if (!bulkhead || !bulkhead.tryEnter()) {
      node.reply(msg, { id, error: `${service} is busy` }, 'request_failed');
      return;
    }
    show();
    try {
      const answer = await node.rpc(service, 'work', { id }, { timeout: CALL_TIMEOUT_MS });
      node.reply(msg, answer.body);
    } catch {
      node.reply(msg, { id, error: `${service} did not answer` }, 'request_failed');
    } finally {
      // [4]
      bulkhead.leave();
      show();
    }
  });
}

/*
[1]
A bulkhead is a pool of its own, with a hard limit and no waiting line: a call either gets a place now or is
turned away now. Ships are built this way: one flooded compartment does not sink the ship.

[2]
...split into one bulkhead per service, 5 places each. A slow service can fill its own 5, never the other's.

[3]
Full: say so at once. The client gets its "no" in a few ms instead of after a second and a half, and the
gateway keeps no line of requests that would only wait for the slow service.

[4]
Leave on every outcome, the answer and the timeout alike: a place kept after a timeout is lost for good, and
a bulkhead that leaks places turns its service away for ever once it has been slow.
*/
