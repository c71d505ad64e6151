import type { Node } from '@playground/node';

/** A replica: does the work of a request (5-15 ms), and answers health checks at once. */
export default function server(node: Node) {
  let done = 0;
  node.state.done = 0;

  // [1]
  node.on('work', async (msg) => {
    await node.sleep(5 + Math.floor(node.random() * 10));
    done += 1;
    node.state.done = done;
    node.reply(msg, { id: msg.body.id, by: node.id, result: `${node.id} did ${msg.body.id}` });
  });

  // [2]
  node.on('health', (msg) => node.reply(msg, { ok: true }));
}

/*
[1]
The work. Only a server can do it: the balancer must pass the server's answer on, it cannot make one up.

[2]
A health check answers at once. A server that is crashed, paused or cut off answers nothing, and that
silence is all the balancer can see: it cannot tell the three apart.
*/
