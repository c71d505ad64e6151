import type { Node } from '@playground/node';

/** The load balancer: round-robin, and on a timeout the same request again on the next replica. */
export default function balancer(node: Node) {
  const servers = node.peers('server');
  let next = 0;
  let retries = 0;
  node.state.retries = 0;

  node.on('work', async (msg) => {
    // [1]
    const start = next;
    next += 1;
    for (let i = 0; i < servers.length; i++) {
      const server = servers[(start + i) % servers.length] as string;
      try {
        const reply = await node.rpc(server, 'work', msg.body, { timeout: 300 }); // [2]
        node.reply(msg, reply.body);
        return;
      } catch {
        retries += 1; // [3]
        node.state.retries = retries;
        node.warn(`${server} did not answer job ${msg.body.job} within 300 ms; trying the next replica`);
      }
    }
    node.warn(`no replica answered job ${msg.body.job}`);
  });
}

/*
[1]
Round-robin picks the first replica; on a timeout, the next one in the ring, and so on: each replica at most
once per request. Three attempts of at most 300 ms fit well inside the client's 2000 ms.

[2]
One attempt at a time: a second replica is asked only when the first did not answer, so a healthy run costs
one message per request, not three.

[3]
Retrying is safe because `work` is idempotent: the replica that timed out may still do the job (a paused one
does it when it resumes), and doing it twice changes nothing. Its late answer is ignored: the rpc is over.
*/
