import type { Node } from '@playground/node';

export default function db(node: Node) {
  node.state.reads = 0;

  // [1]
  node.on('read', (msg) => {
    node.state.reads = Number(node.state.reads) + 1;
    const key: string = msg.body.key;
    node.reply(msg, { key, value: `record of ${key}`, replica: node.id });
  });
}

/*
[1]
Both replicas hold the same records; the answer says which replica gave it.
*/
