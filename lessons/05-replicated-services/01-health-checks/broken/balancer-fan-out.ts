/** Bug: sends every request to every server and passes on the first answer: always available, at three times the work. */
import type { AnyMessage, Node } from '@playground/node';

export default function balancer(node: Node) {
  node.on('request', (msg: AnyMessage) => {
    let done = false;
    for (const server of node.peers('server')) {
      node.rpc(server, 'work', msg.body, { timeout: 300 }).then(
        (answer) => {
          if (done) return;
          done = true;
          node.reply(msg, answer.body);
        },
        () => {},
      );
    }
  });
}
