import type { Node } from '@playground/node';

/** The load balancer: round-robin over the replicas, one attempt per request. */
export default function balancer(node: Node) {
  const servers = node.peers('server'); // [1]
  let next = 0;
  let lost = 0;
  node.state.lost = 0;

  node.on('work', async (msg) => {
    const server = servers[next % servers.length] as string; // [2]
    next += 1;
    try {
      const reply = await node.rpc(server, 'work', msg.body, { timeout: 300 }); // [3]
      node.reply(msg, reply.body); // [4]
    } catch {
      // [5]
      lost += 1;
      node.state.lost = lost;
      node.warn(`${server} did not answer job ${msg.body.job} within 300 ms; dropping it`);
    }
  });
}

/*
[1]
The replicas this balancer knows: `server-1`, `server-2`, `server-3`, sorted by id.

[2]
Round-robin, as in the book's pseudocode (`servers[request.id % len(servers)]`): request 1 to server-1,
request 2 to server-2, and so on. Simple and fair, as long as every replica is alive.

[3]
Forward the request and wait for the replica's answer. A healthy replica answers in well under 100 ms, so
300 ms without an answer means something is wrong with it.

[4]
Pass the replica's answer back to the client: `node.reply` sends `work_ok` with `inReplyTo` set to the
client's request.

[5]
The problem of this lesson. When the chosen replica is dead, the request is simply dropped and the client
waits in vain. There are two healthy replicas left that could have answered it.
*/
