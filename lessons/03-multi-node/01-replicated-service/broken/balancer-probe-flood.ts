/** Bug: probes every replica every 10 ms: it notices at once, but health traffic dwarfs the real work. */
import type { Node } from '@playground/node';

/** The load balancer: round-robin over healthy replicas, retry elsewhere on timeout, probe for recovery. */
export default function balancer(node: Node) {
  const servers = node.peers('server');
  const down = new Set<string>();
  let next = 0;
  let retries = 0;
  node.state.down = [];
  node.state.retries = 0;

  function markDown(server: string) {
    if (down.has(server)) return;
    down.add(server);
    node.state.down = [...down];
    node.warn(`${server} looks dead: taking it out of rotation`);
  }
  function markUp(server: string) {
    if (!down.has(server)) return;
    down.delete(server);
    node.state.down = [...down];
    node.log(`${server} answers again: back in rotation`);
  }

  function candidates(): string[] {
    const order = servers.map((_, i) => servers[(next + i) % servers.length] as string);
    next += 1;
    return [...order.filter((s) => !down.has(s)), ...order.filter((s) => down.has(s))];
  }

  node.on('work', async (msg) => {
    for (const server of candidates()) {
      try {
        const reply = await node.rpc(server, 'work', msg.body, { timeout: 300 });
        node.reply(msg, reply.body);
        return;
      } catch {
        markDown(server);
        retries += 1;
        node.state.retries = retries;
      }
    }
    node.warn(`no replica answered job ${msg.body.job}`);
  });

  node.every(10, () => {
    for (const server of servers) {
      node.rpc(server, 'health', {}, { timeout: 100 }).then(
        () => markUp(server),
        () => markDown(server),
      );
    }
  });
}
