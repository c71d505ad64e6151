import type { AnyMessage, Node } from '@playground/node';

// [1]
class LoadBalancer {
  private servers: string[] = [];

  addServer(server: string) {
    this.servers.push(server);
  }

  getServer(request: { id: number }): string {
    // Simple round-robin load balancing
    return this.servers[request.id % this.servers.length]!;
  }
}

export default function balancer(node: Node) {
  const lb = new LoadBalancer();
  for (const server of node.peers('server')) lb.addServer(server);

  // [2]
  node.on('request', async (msg: AnyMessage) => {
    const server = lb.getServer(msg.body);
    try {
      const answer = await node.rpc(server, 'work', msg.body, { timeout: 300 });
      node.reply(msg, answer.body);
    } catch {
      node.warn(`${server} did not answer request ${msg.body.id}`);
    }
  });
}

/*
[1]
The book's pseudocode, as it is: `add_server` appends, `get_server` picks `servers[request.id % len(servers)]`.
Fair and simple, as long as every server is alive.

[2]
Each request goes to the server `getServer` picks; its answer goes back to the client. When that server is
dead, paused or cut off, the request is lost: the client waits its whole second and gets nothing, one
request in three, for as long as the server is gone.
*/
