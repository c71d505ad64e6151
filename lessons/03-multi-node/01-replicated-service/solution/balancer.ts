import type { Node } from '@playground/node';

/** The load balancer: round-robin over healthy replicas, retry elsewhere on timeout, probe for recovery. */
export default function balancer(node: Node) {
  const servers = node.peers('server');
  const down = new Set<string>();
  let next = 0;
  let retries = 0;
  node.state.down = [];
  node.state.retries = 0;

  // [1]
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

  // [2]
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
        // [3]
        markDown(server);
        retries += 1;
        node.state.retries = retries;
      }
    }
    node.warn(`no replica answered job ${msg.body.job}`);
  });

  // [4]
  node.every(250, () => {
    for (const server of servers) {
      node.rpc(server, 'health', {}, { timeout: 200 }).then(
        () => markUp(server),
        () => markDown(server),
      );
    }
  });
}

/*
[1]
The balancer's view of the replicas: a set of those it believes are down. Believing is all it can do: a
replica that does not answer may be dead, or just slow, or cut off by the network.

[2]
Round-robin as before, but healthy replicas come first; replicas marked down are only tried when every
healthy one has failed (better a long shot than a certain loss).

[3]
Timeout: mark the replica down and try the next one. The work is idempotent, so sending the same request
to another replica is safe even if the first one did the work and only its answer was lost (or late).

[4]
Health checks: every 250 ms, probe every replica (marked down or not). A dead replica is noticed even before
a request is sent to it, and a restarted one is put back in rotation within a quarter of a second.
*/
