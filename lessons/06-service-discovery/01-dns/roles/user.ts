import type { Node } from '@playground/node';

/** The users: a numbered request every 20 ms until 13 s, to each client in turn, each waited on for 1 s. */
export default function user(node: Node) {
  // [1]
  let id = Math.floor(node.random() * 10_000);
  const clients = node.peers('client');
  let answered = 0;
  let failed = 0;
  node.state.answered = 0;
  node.state.failed = 0;

  const ticker = node.every(20, async () => {
    if (node.monotonic() > 13_000) return ticker.cancel();
    id += 1;
    const token = Math.floor(node.random() * 1_000_000);
    const client = clients[id % clients.length]!;
    try {
      await node.rpc(client, 'request', { id, token }, { timeout: 1000 });
      answered += 1;
    } catch {
      failed += 1;
      node.warn(`request ${id} (via ${client}) got no answer within 1000 ms`);
    }
    node.state.answered = answered;
    node.state.failed = failed;
  });
}

/*
[1]
Request ids start at a number drawn per seed, and each request carries a token drawn per seed: only an api
instance's answer carries the work done on it, so a client cannot answer for the service.
*/
