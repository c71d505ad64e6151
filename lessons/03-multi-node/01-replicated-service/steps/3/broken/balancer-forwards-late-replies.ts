/** Bug: on a timeout, tries the next replica but keeps the first attempt open, and forwards every answer. */
import type { Node } from '@playground/node';

export default function balancer(node: Node) {
  const servers = node.peers('server');
  let next = 0;

  node.on('work', (msg) => {
    const start = next;
    next += 1;
    const attempt = (i: number) => {
      if (i >= servers.length) return;
      const server = servers[(start + i) % servers.length] as string;
      node.send(server, 'work', msg.body);
      node.setTimer(300, () => attempt(i + 1));
    };
    pending.set(msg.body.job, msg);
    attempt(0);
  });

  const pending = new Map<number, Parameters<Parameters<Node['on']>[1]>[0]>();
  node.on('work_ok', (reply) => {
    const request = pending.get(reply.body.job);
    if (request) node.reply(request, reply.body);
  });
}
