import type { Node } from '@playground/node';

/** The operator: scales the store out by one shard, then retires one shard. Both times drawn per seed. */
export default function operator(node: Node) {
  const growAt = 4500 + Math.floor(node.random() * 1000); // [1]
  const shrinkAt = 10_000 + Math.floor(node.random() * 1000);
  const pick = node.random();

  node.setTimer(growAt, () => {
    const id = node.spawn('shard'); // [2]
    node.state.added = id;
    node.log(`scaled out: added ${id}`);
  });

  node.setTimer(shrinkAt, async () => {
    const shards = node.peers('shard');
    const victim = shards[Math.floor(pick * shards.length)] as string;
    node.log(`retiring ${victim}`);
    try {
      await node.rpc('router', 'retire', { shard: victim }, { timeout: 5000 }); // [3]
      node.stop(victim);
      node.state.retired = victim;
      node.log(`scaled in: ${victim} drained and stopped`);
    } catch {
      node.warn(`the router did not drain ${victim} within 5000 ms; leaving it running`);
    }
  });
}

/*
[1]
When the store grows (between 4500 and 5500 ms) and when it shrinks (between 10000 and 11000 ms), and which
shard goes, are drawn from the seed.

[2]
A new node of role `shard` boots at once, empty. The router does not get a message about it: the next time it
calls `node.peers('shard')`, the list simply has four names instead of three.

[3]
Scaling in is the other way round: the shard's keys must go somewhere before it is switched off. The
operator asks the router to `retire` it; the router moves its keys away and answers; only then does the
operator stop the node (its memory, and any key still in it, is gone).
*/
