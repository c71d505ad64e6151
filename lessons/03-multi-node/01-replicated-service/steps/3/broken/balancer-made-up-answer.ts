/** Bug: when a replica times out, answers the client itself instead of asking another replica. */
import type { Node } from '@playground/node';

export default function balancer(node: Node) {
  const servers = node.peers('server');
  let next = 0;

  node.on('work', async (msg) => {
    const server = servers[next % servers.length] as string;
    next += 1;
    try {
      const reply = await node.rpc(server, 'work', msg.body, { timeout: 300 });
      node.reply(msg, reply.body);
    } catch {
      node.reply(msg, { job: msg.body.job, result: msg.body.input % 1_000_000, by: server });
    }
  });
}
