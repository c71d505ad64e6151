/** Bug: health checks work, but when the chosen server times out the balancer answers the client itself with a result no server computed. */
import type { AnyMessage, Node } from '@playground/node';

export default function balancer(node: Node) {
  const servers = node.peers('server');
  const healthy = new Set(servers);
  const fails = new Map<string, number>();
  node.every(100, () => {
    for (const server of servers) {
      node.rpc(server, 'health', {}, { timeout: 80 }).then(
        () => {
          fails.set(server, 0);
          healthy.add(server);
        },
        () => {
          const n = (fails.get(server) ?? 0) + 1;
          fails.set(server, n);
          if (n >= 2) healthy.delete(server);
        },
      );
    }
  });
  node.on('request', async (msg: AnyMessage) => {
    const live = servers.filter((s) => healthy.has(s));
    const server = live[msg.body.id % live.length] ?? servers[0]!;
    try {
      const answer = await node.rpc(server, 'work', msg.body, { timeout: 300 });
      node.reply(msg, answer.body);
    } catch {
      node.reply(msg, { id: msg.body.id, by: server, result: `${server} did ${msg.body.id}` });
    }
  });
}
