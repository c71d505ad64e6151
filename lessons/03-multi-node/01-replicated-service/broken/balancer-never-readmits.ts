/** Bug: takes a replica out of rotation when it times out, and never probes it again: it stays out forever. */
import type { Node } from '@playground/node';

export default function balancer(node: Node) {
  const servers = node.peers('server');
  const down = new Set<string>();
  let next = 0;

  node.on('work', async (msg) => {
    const order = servers.map((_, i) => servers[(next + i) % servers.length] as string);
    next += 1;
    for (const server of [...order.filter((s) => !down.has(s)), ...order.filter((s) => down.has(s))]) {
      try {
        const reply = await node.rpc(server, 'work', msg.body, { timeout: 300 });
        node.reply(msg, reply.body);
        return;
      } catch {
        down.add(server);
        node.state.down = [...down];
      }
    }
  });
}
