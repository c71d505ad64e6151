import type { AnyMessage, Node } from '@playground/node';

// [1]
class LoadBalancer {
  private servers: string[] = [];
  private readonly healthy = new Set<string>();

  addServer(server: string) {
    this.servers.push(server);
    this.healthy.add(server);
  }

  setHealthy(server: string, ok: boolean) {
    if (ok) this.healthy.add(server);
    else this.healthy.delete(server);
  }

  getServer(request: { id: number }): string | undefined {
    const live = this.servers.filter((s) => this.healthy.has(s));
    return live[request.id % live.length];
  }
}

export default function balancer(node: Node) {
  const lb = new LoadBalancer();
  for (const server of node.peers('server')) lb.addServer(server);

  // [2]
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

  // [3]
  node.on('request', async (msg: AnyMessage) => {
    const server = lb.getServer(msg.body);
    if (!server) return;
    try {
      const answer = await node.rpc(server, 'work', msg.body, { timeout: 1000 });
      node.reply(msg, answer.body);
    } catch {
      node.warn(`${server} did not answer request ${msg.body.id}`);
    }
  });
}

/*
[1]
Last lesson's balancer: round robin among the servers that pass their health checks.

[2]
Health checks, as before. A gray server passes them all.

[3]
Round robin gives every server a quarter of the requests, whatever it does with them. The gray server gets
its quarter too, and a quarter of all answers take up to 400 ms.
*/
