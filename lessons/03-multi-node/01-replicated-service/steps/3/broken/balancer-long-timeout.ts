/** Bug: retries on another replica, but waits 2500 ms per attempt: longer than the client waits at all. */
import type { Node } from '@playground/node';

export default function balancer(node: Node) {
  const servers = node.peers('server');
  let next = 0;

  node.on('work', async (msg) => {
    const start = next;
    next += 1;
    for (let i = 0; i < servers.length; i++) {
      const server = servers[(start + i) % servers.length] as string;
      try {
        const reply = await node.rpc(server, 'work', msg.body, { timeout: 2500 });
        node.reply(msg, reply.body);
        return;
      } catch {
        node.warn(`${server} did not answer job ${msg.body.job}; trying the next replica`);
      }
    }
  });
}
