import type { Node } from '@playground/node';

/** Operations: at a moment drawn per seed, one server goes gray for a while. */
export default function ops(node: Node) {
  // [1]
  const servers = node.peers('server');
  const victim = servers[Math.floor(node.random() * servers.length)]!;
  const from = 1500 + Math.floor(node.random() * 2500);
  const length = 3000 + Math.floor(node.random() * 2000);
  node.state.victim = victim;
  node.setTimer(from, () => {
    node.log(`${victim} goes gray for ${length} ms`);
    node.send(victim, 'degrade', { forMs: length });
  });
}

/*
[1]
Which server, when and for how long are drawn from this node's seeded stream: every seed degrades
another server at another time. A gray server is the worst kind of sick: it is slow, and it says it is fine.
*/
