import type { AnyMessage, Node } from '@playground/node';

// [1]
class LoadBalancer {
  private servers: string[] = [];
  private readonly healthy = new Set<string>();
  private next = 0;

  addServer(server: string) {
    this.servers.push(server);
    this.healthy.add(server);
  }

  setHealthy(server: string, ok: boolean) {
    if (ok) this.healthy.add(server);
    else this.healthy.delete(server);
  }

  getServer(_request: { user: string; id: number }): string | undefined {
    const live = this.servers.filter((s) => this.healthy.has(s));
    return live[this.next++ % live.length];
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
    const server = lb.getServer(msg.body);
    if (!server) return;
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
Round robin among the healthy servers, as in the health-checks lesson. Every request of a user goes to
another server than the last, so every server sees every user, and none keeps a session for long.
*/
