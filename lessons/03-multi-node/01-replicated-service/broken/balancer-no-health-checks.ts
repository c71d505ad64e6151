/** Bug: retries on another replica but never takes a dead one out of rotation: every third job waits 300 ms. */
import type { Node } from '@playground/node';

/** The load balancer: round-robin, and on a timeout the same request again on the next replica. */
export default function balancer(node: Node) {
  const servers = node.peers('server');
  let next = 0;
  let retries = 0;
  node.state.retries = 0;

  node.on('work', async (msg) => {
    const start = next;
    next += 1;
    for (let i = 0; i < servers.length; i++) {
      const server = servers[(start + i) % servers.length] as string;
      try {
        const reply = await node.rpc(server, 'work', msg.body, { timeout: 300 });
        node.reply(msg, reply.body);
        return;
      } catch {
        retries += 1;
        node.state.retries = retries;
        node.warn(`${server} did not answer job ${msg.body.job} within 300 ms; trying the next replica`);
      }
    }
    node.warn(`no replica answered job ${msg.body.job}`);
  });
}
