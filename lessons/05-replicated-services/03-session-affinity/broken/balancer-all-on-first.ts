/** Bug: gives every new user the first healthy server: sticky and available, but one server carries everyone. */
import type { AnyMessage, Node } from '@playground/node';

class LoadBalancer {
  private servers: string[] = [];
  private readonly healthy = new Set<string>();
  // [1]
  private readonly home = new Map<string, string>();

  addServer(server: string) {
    this.servers.push(server);
    this.healthy.add(server);
  }

  setHealthy(server: string, ok: boolean) {
    if (ok) this.healthy.add(server);
    else this.healthy.delete(server);
  }

  // [2]
  getServer(request: { user: string }): string | undefined {
    const current = this.home.get(request.user);
    if (current !== undefined && this.healthy.has(current)) return current;
    let best: string | undefined;
    for (const s of this.servers) {
      if (!this.healthy.has(s)) continue;
      if (best === undefined) best = s;
    }
    if (best !== undefined) this.home.set(request.user, best);
    return best;
  }
}

export default function balancer(node: Node) {
  const lb = new LoadBalancer();
  for (const server of node.peers('server')) lb.addServer(server);

  const fails = new Map<string, number>();
  node.every(100, () => {
    for (const server of node.peers('server')) {
      node.rpc(server, 'health', {}, { timeout: 80 }).then(
        () => {
          fails.set(server, 0);
          lb.setHealthy(server, true);
        },
        () => {
          const n = (fails.get(server) ?? 0) + 1;
          fails.set(server, n);
          if (n >= 2) lb.setHealthy(server, false);
        },
      );
    }
  });

  node.on('request', async (msg: AnyMessage) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const server = lb.getServer(msg.body);
      if (!server) return;
      try {
        const answer = await node.rpc(server, 'work', msg.body, { timeout: 300 });
        node.reply(msg, answer.body);
        return;
      } catch {
        // [3]
        lb.setHealthy(server, false);
        node.warn(`${server} did not answer request ${msg.body.id}: moving its users`);
      }
    }
  });
}
