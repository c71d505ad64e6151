/** Bug: sends every request to all replicas at once and keeps the first answer: correct, but 3x the work. */
import type { Node } from '@playground/node';

export default function balancer(node: Node) {
  const servers = node.peers('server');

  node.on('work', async (msg) => {
    try {
      const reply = await Promise.any(
        servers.map((server) => node.rpc(server, 'work', msg.body, { timeout: 300 })),
      );
      node.reply(msg, reply.body);
    } catch {
      node.warn(`no replica answered job ${msg.body.job}`);
    }
  });
}
