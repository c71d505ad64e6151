/** Bug: skips the real work but looks right: when its replica does not answer it replies with the value a record usually has, `record of <key>`, without asking the other replica. */
import type { Node } from '@playground/node';

export default function ambassador(node: Node) {
  node.state.reads = {};

  // [1]
  node.on('query', async (msg) => {
    const key: string = msg.body.key;
    try {
      // [2]
      const answer = await node.rpc('db-1', 'read', { key }, { timeout: 250 });
      node.reply(msg, { key, value: answer.body.value, replica: answer.body.replica });
    } catch {
      // [3]
      node.reply(msg, { key, value: `record of ${key}`, replica: 'db-1' });
    }
  });
}
