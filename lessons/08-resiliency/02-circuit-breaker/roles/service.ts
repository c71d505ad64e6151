import type { Node } from '@playground/node';

/** The dependency: does the work of a call in 5-15 ms and answers with a token only it could have drawn. */
export default function service(node: Node) {
  let done = 0;
  node.state.done = 0;

  node.on('work', async (msg) => {
    await node.sleep(5 + Math.floor(node.random() * 10));
    done += 1;
    node.state.done = done;
    const token = Math.floor(node.random() * 1e9).toString(36);
    node.reply(msg, { id: msg.body.id, token });
  });
}
