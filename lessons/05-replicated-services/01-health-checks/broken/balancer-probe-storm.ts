/** Bug: checks every server every 5 ms: it notices deaths fast, at twenty times the cost of the work itself. */
import type { AnyMessage, Node } from '@playground/node';

export default function balancer(node: Node) {
  const servers = node.peers('server');
  const healthy = new Set(servers);
  node.every(5, () => {
    for (const server of servers) {
      node.rpc(server, 'health', {}, { timeout: 40 }).then(
        () => healthy.add(server),
        () => healthy.delete(server),
      );
    }
  });
  node.on('request', async (msg: AnyMessage) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const live = servers.filter((s) => healthy.has(s));
      const server = live[(msg.body.id + attempt) % live.length];
      if (!server) return;
      try {
        const answer = await node.rpc(server, 'work', msg.body, { timeout: 300 });
        node.reply(msg, answer.body);
        return;
      } catch {
        // next
      }
    }
  });
}
