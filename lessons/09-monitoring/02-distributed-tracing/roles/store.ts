import type { Node } from '@playground/node';

/** The store: answers a read in 2-6 ms with a number drawn per seed. */
export default function store(node: Node) {
  node.on('read', async (msg) => {
    await node.sleep(2 + Math.floor(node.random() * 5));
    node.reply(msg, { value: 1 + Math.floor(node.random() * 100) });
  });
}
