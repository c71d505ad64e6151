import type { Node } from '@playground/node';

/** The operator: scales the store out by one shard at 5000 ms. */
export default function operator(node: Node) {
  node.setTimer(5000, () => {
    const id = node.spawn('shard'); // [1]
    node.state.added = id;
    node.log(`scaled out: added ${id}`);
  });
}

/*
[1]
A new node of role `shard` boots at once, empty. The router does not get a message about it: the next time it
calls `node.peers('shard')`, the list simply has four names instead of three.
*/
