/** Bug: retries a timed-out request on the same replica, which is still dead (or paused). */
import type { Node } from '@playground/node';

export default function balancer(node: Node) {
  const servers = node.peers('server');
  let next = 0;

  node.on('work', async (msg) => {
    const server = servers[next % servers.length] as string;
    next += 1;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const reply = await node.rpc(server, 'work', msg.body, { timeout: 300 });
        node.reply(msg, reply.body);
        return;
      } catch {
        node.warn(`${server} did not answer job ${msg.body.job}; asking it again`);
      }
    }
  });
}
