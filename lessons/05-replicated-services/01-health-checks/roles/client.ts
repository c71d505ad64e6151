import type { Node } from '@playground/node';

/** A client: one request every 25 ms until 12 s, each waited on for at most 1 s. */
export default function client(node: Node) {
  // [1]
  let id = Math.floor(node.random() * 1000) * 2 + (node.id.endsWith('2') ? 1 : 0);
  let answered = 0;
  let failed = 0;
  node.state.answered = 0;
  node.state.failed = 0;

  const ticker = node.every(25, async () => {
    if (node.monotonic() > 12_000) return ticker.cancel();
    id += 2;
    const started = node.monotonic();
    try {
      await node.rpc('balancer', 'request', { id }, { timeout: 1000 }); // [2]
      answered += 1;
      node.metric('latency_ms', node.monotonic() - started);
    } catch {
      failed += 1;
      node.warn(`request ${id} got no answer within 1000 ms`);
    }
    node.state.answered = answered;
    node.state.failed = failed;
  });
}

/*
[1]
Request ids: numbers, as in the book's `request.id`. Each client starts at a number drawn per seed, and the
two clients never share an id (one counts even, the other odd).

[2]
The client knows only the balancer. A request the balancer sends to a dead server is a request this client
waits a whole second for, in vain.
*/
