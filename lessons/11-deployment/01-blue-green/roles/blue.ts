import type { Node } from '@playground/node';

/** A v1 replica: does the work of a request (as long as `ms` says). */
export default function blue(node: Node) {
  let done = 0;
  node.on('work', async (msg) => {
    await node.sleep(Number(msg.body.ms) || 5);
    done += 1;
    node.state.done = done;
    node.reply(msg, { id: msg.body.id, by: node.id, version: 'v1', result: `v1 did ${msg.body.id}` });
  });
}
