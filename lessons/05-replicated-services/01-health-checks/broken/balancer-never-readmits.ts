/** Bug: takes a server out after two failed health checks, but never checks it again: a server that recovers stays out for good. */
import type { AnyMessage, Node } from '@playground/node';

export default function balancer(node: Node) {
  const servers = node.peers('server');
  const out = new Set<string>();
  const fails = new Map<string, number>();
  node.every(100, () => {
    for (const server of servers) {
      if (out.has(server)) continue;
      node.rpc(server, 'health', {}, { timeout: 80 }).then(
        () => fails.set(server, 0),
        () => {
          const n = (fails.get(server) ?? 0) + 1;
          fails.set(server, n);
          if (n >= 2) out.add(server);
        },
      );
    }
  });
  node.on('request', async (msg: AnyMessage) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const live = servers.filter((s) => !out.has(s));
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
