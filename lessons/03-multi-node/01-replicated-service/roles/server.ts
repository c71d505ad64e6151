import type { Node } from '@playground/node';

/** One replica. Every replica runs this same code and keeps nothing between requests. */
export default function server(node: Node) {
  let handled = 0;
  node.state.handled = 0;

  // [1]
  node.on('work', async (msg) => {
    await node.sleep(5 + Math.floor(node.random() * 20));
    handled += 1;
    node.state.handled = handled;
    node.reply(msg, { job: msg.body.job, by: node.id });
  });

  // [2]
  node.on('health', (msg) => {
    node.reply(msg, { ok: true });
  });
}

/*
[1]
The "work" takes 5 to 25 virtual ms. The reply says which replica did it. Because the replica is stateless,
the balancer may send a request to any replica, and send it again to another one if the first never answers:
doing the work twice is harmless.

[2]
A health endpoint: `health` is answered with `health_ok` at once. A balancer may probe it to learn which
replicas are alive without risking real requests. A crashed replica answers nothing at all.
*/
