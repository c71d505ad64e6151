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
    node.reply(msg, { job: msg.body.job, result: digest(msg.body.input), by: node.id });
  });

  // [2]
  node.on('health', (msg) => {
    node.reply(msg, { ok: true });
  });
}

// [3]
function digest(input: number): number {
  let h = (input ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < 4; i++) h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  return h % 1_000_000;
}

/*
[1]
The "work" takes 5 to 25 virtual ms: it computes a result from the job's input and changes nothing, so it is
**idempotent**: doing it twice has the same effect as doing it once. That, not the replica's keeping no state,
is what makes a retry safe: the first replica may have done the work and only its answer been lost (or late),
and the balancer may send the same job to another replica.

[2]
A health endpoint: `health` is answered with `health_ok` at once. A balancer may probe it to learn which
replicas are alive without risking real requests. A crashed (or paused) replica answers nothing at all.

[3]
The "work": a few rounds of integer mixing, the same on every replica.
*/
