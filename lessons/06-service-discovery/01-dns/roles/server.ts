import type { Node } from '@playground/node';

/** An api instance: does the work of a request in 3-10 ms (or, while hung, nothing at all). */
export default function server(node: Node) {
  let hungUntil = -1;
  let done = 0;
  node.state.done = 0;
  node.state.hung = false;

  // [1]
  node.on('hang', (msg) => {
    if (msg.from !== 'ops') return;
    hungUntil = node.monotonic() + (msg.body as { forMs: number }).forMs;
    node.state.hung = true;
    node.setTimer((msg.body as { forMs: number }).forMs, () => (node.state.hung = false));
  });

  node.on('work', async (msg) => {
    if (node.monotonic() < hungUntil) return;
    await node.sleep(3 + Math.floor(node.random() * 8));
    done += 1;
    node.state.done = done;
    // [2]
    node.reply(msg, {
      id: msg.body.id,
      by: node.id,
      result: `${node.id} did ${msg.body.id}/${msg.body.token}`,
    });
  });
}

/*
[1]
Once per run, ops hangs one instance for a while: alive, still in DNS, answering nothing. DNS keeps listing
it, so a client must give up on it after a timeout and try another instance.

[2]
The answer names the instance that did the work. The client passes it on to the user as it is.
*/
