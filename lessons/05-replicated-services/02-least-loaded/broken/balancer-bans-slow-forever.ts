/** Bug: takes a server out for good after one answer slower than 100 ms: the gray server is avoided, and never gets its share back. */
import type { AnyMessage, Node } from '@playground/node';

// [1]
class LoadBalancer {
  private servers: string[] = [];
  private readonly healthy = new Set<string>();
  private readonly inFlight = new Map<string, number>();

  addServer(server: string) {
    this.servers.push(server);
    this.healthy.add(server);
    this.inFlight.set(server, 0);
  }

  setHealthy(server: string, ok: boolean) {
    if (ok) this.healthy.add(server);
    else this.healthy.delete(server);
  }

  started(server: string) {
    this.inFlight.set(server, (this.inFlight.get(server) ?? 0) + 1);
  }

  finished(server: string) {
    this.inFlight.set(server, (this.inFlight.get(server) ?? 1) - 1);
  }

  total(): number {
    let n = 0;
    for (const v of this.inFlight.values()) n += v;
    return n;
  }

  // [2]
  getServer(request: { id: number }): string | undefined {
    const live = this.servers.filter((s) => this.healthy.has(s));
    let best: string | undefined;
    for (let k = 0; k < live.length; k++) {
      const s = live[(request.id + k) % live.length]!;
      if (best === undefined || this.inFlight.get(s)! < this.inFlight.get(best)!) best = s;
    }
    return best;
  }
}

export default function balancer(node: Node) {
  const lb = new LoadBalancer();
  const banned = new Set<string>();
  for (const server of node.peers('server')) lb.addServer(server);

  const fails = new Map<string, number>();
  node.every(100, () => {
    for (const server of node.peers('server')) {
      node.rpc(server, 'health', {}, { timeout: 80 }).then(
        () => {
          fails.set(server, 0);
          lb.setHealthy(server, !banned.has(server));
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
    lb.started(server);
    node.metric('in_flight', lb.total());
    const sentAt = node.monotonic();
    try {
      const answer = await node.rpc(server, 'work', msg.body, { timeout: 1000 });
      if (node.monotonic() - sentAt > 100) {
        banned.add(server);
        lb.setHealthy(server, false);
      }
      node.reply(msg, answer.body);
    } catch {
      node.warn(`${server} did not answer request ${msg.body.id}`);
    } finally {
      lb.finished(server); // [3]
    }
  });
}
