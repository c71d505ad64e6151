/** Bug: no health checks, only a retry on the next server after a timeout: every third request still waits 300 ms for a dead server. */
import type { AnyMessage, Node } from '@playground/node';

export default function balancer(node: Node) {
  const servers = node.peers('server');
  node.on('request', async (msg: AnyMessage) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const server = servers[(msg.body.id + attempt) % servers.length]!;
      try {
        const answer = await node.rpc(server, 'work', msg.body, { timeout: 300 });
        node.reply(msg, answer.body);
        return;
      } catch {
        // try the next one
      }
    }
  });
}
