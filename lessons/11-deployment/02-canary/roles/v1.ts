import type { Node } from '@playground/node';

/** The current version: answers every request (5 to 15 ms of work). */
export default function v1(node: Node) {
  node.on('work', async (msg) => {
    await node.sleep(5 + Math.floor(node.random() * 10));
    node.reply(msg, { id: msg.body.id, user: msg.body.user, by: node.id, version: 'v1', result: 'ok' });
  });
}
