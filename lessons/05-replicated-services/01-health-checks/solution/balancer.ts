import type { AnyMessage, Node } from '@playground/node';

const PROBE_EVERY_MS = 100;
const PROBE_TIMEOUT_MS = 80;
/** Failed probes in a row before a server is taken out; passed probes in a row before it is let back in. */
const FALL = 2;
const RISE = 2;

// [1]
class LoadBalancer {
  private servers: string[] = [];
  private readonly healthy = new Set<string>();

  addServer(server: string) {
    this.servers.push(server);
    this.healthy.add(server);
  }

  markDown(server: string) {
    this.healthy.delete(server);
  }

  markUp(server: string) {
    this.healthy.add(server);
  }

  healthyCount(): number {
    return this.healthy.size;
  }

  getServer(request: { id: number }): string | undefined {
    const live = this.servers.filter((s) => this.healthy.has(s));
    return live.length === 0 ? undefined : live[request.id % live.length];
  }
}

export default function balancer(node: Node) {
  const lb = new LoadBalancer();
  const fails = new Map<string, number>();
  const passes = new Map<string, number>();
  for (const server of node.peers('server')) lb.addServer(server);

  const show = () => {
    node.state.healthy = lb.healthyCount();
    node.metric('healthy', lb.healthyCount());
  };
  show();

  // [2]
  async function probe(server: string) {
    let ok = false;
    try {
      await node.rpc(server, 'health', {}, { timeout: PROBE_TIMEOUT_MS });
      ok = true;
    } catch {
      // no answer in time: one more failed probe
    }
    if (ok) {
      fails.set(server, 0);
      const n = (passes.get(server) ?? 0) + 1;
      passes.set(server, n);
      if (n === RISE) {
        lb.markUp(server);
        node.log(`${server} is healthy again`);
      }
    } else {
      passes.set(server, 0);
      const n = (fails.get(server) ?? 0) + 1;
      fails.set(server, n);
      if (n === FALL) {
        lb.markDown(server);
        node.warn(`${server} failed ${FALL} health checks: taken out`);
      }
    }
    show();
  }
  node.every(PROBE_EVERY_MS, () => {
    for (const server of node.peers('server')) void probe(server);
  });

  // [3]
  node.on('request', async (msg: AnyMessage) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const server = lb.getServer({ id: msg.body.id + attempt });
      if (!server) break;
      try {
        const answer = await node.rpc(server, 'work', msg.body, { timeout: 300 });
        node.reply(msg, answer.body);
        return;
      } catch {
        node.warn(`${server} did not answer request ${msg.body.id}`);
      }
    }
  });
}

/*
[1]
The book's LoadBalancer, plus what it leaves out: which servers are healthy. `getServer` still picks round
robin by `request.id`, but only among the healthy ones.

[2]
Health checks: every 100 ms, ask each server `health`. Two failures in a row take it out (one could be a
lost message); two successes in a row let it back in (it must be answering steadily, not flapping). A
crashed, paused or cut-off server fails alike: the balancer does not need to know which it is. Out within
about 2 x 100 ms + 80 ms of going quiet; back within about 200 ms of answering again.

[3]
Between a server's death and its second failed probe, a request can still be sent to it. One retry on the
next healthy server covers that gap; the request carries the same id, so a retry is harmless here (the
work has no side effect).
*/
