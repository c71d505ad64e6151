import type { Node } from '@playground/node';

/** A service: does the work of a call in 5-15 ms and answers with a token only it could have drawn. */
export default function service(node: Node) {
  let done = 0;
  node.state.done = 0;

  // [1]
  node.on('work', async (msg) => {
    await node.sleep(5 + Math.floor(node.random() * 10));
    done += 1;
    node.state.done = done;
    const token = Math.floor(node.random() * 1e9).toString(36);
    node.reply(msg, { id: msg.body.id, by: node.id, token });
  });
}

/*
[1]
The work. The token is drawn from this node's seeded stream: only the service can make it, so the checks can
tell a real answer (passed on by the gateway) from one the gateway made up.
*/
