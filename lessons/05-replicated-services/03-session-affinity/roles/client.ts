import type { Node } from '@playground/node';

/** Ten users, each with a name drawn per seed, each sending a request every 100-200 ms until 11 s. */
export default function client(node: Node) {
  // [1]
  const users = Array.from({ length: 10 }, () => `u${Math.floor(node.random() * 1e6).toString(36)}`);
  let id = Number(node.id.slice(-1)) * 1_000_000;
  let lost = 0;
  node.state.users = users;
  for (const user of users) {
    const tick = async () => {
      if (node.monotonic() > 11_000) return;
      id += 1;
      try {
        const answer = await node.rpc('balancer', 'request', { user, id }, { timeout: 1000 });
        // [2]
        if (answer.body.visits === 1 && answer.body.seenBefore) {
          lost += 1;
          node.metric('sessions_lost', lost);
        }
      } catch {
        node.warn(`request ${id} of ${user} got no answer`);
      }
      node.setTimer(100 + Math.floor(node.random() * 100), tick);
    };
    node.setTimer(Math.floor(node.random() * 100), tick);
  }
}

/*
[1]
User names are drawn from this node's seeded stream: every seed brings other users, so no balancer can be
tuned to one set of names.

[2]
The server answers with the user's visit count in its session. A count back at 1 for a user who had been
seen before means the session was lost: the user landed on a server that did not know them.
*/
