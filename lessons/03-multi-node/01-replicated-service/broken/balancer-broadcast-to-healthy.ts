/** Bug: sends every job to all replicas believed healthy and keeps the first answer: 2-3x the work per job. */
import type { Node } from '@playground/node';

export default function balancer(node: Node) {
  const servers = node.peers('server');
  const down = new Set<string>();

  node.on('work', async (msg) => {
    const healthy = servers.filter((s) => !down.has(s));
    try {
      const reply = await Promise.any(
        (healthy.length ? healthy : servers).map((s) => node.rpc(s, 'work', msg.body, { timeout: 300 })),
      );
      node.reply(msg, reply.body);
    } catch {
      node.warn(`no replica answered job ${msg.body.job}`);
    }
  });

  node.every(250, () => {
    for (const server of servers) {
      node.rpc(server, 'health', {}, { timeout: 200 }).then(
        () => down.delete(server),
        () => down.add(server),
      );
    }
  });
}
