/** Bug: a lease of one heartbeat (300 ms): a single lost heartbeat drops a live instance. */
import type { Node } from '@playground/node';

const HEARTBEAT_EVERY_MS = 300;
/** Three heartbeats and a little: one or two lost heartbeats do not cost a live instance its place. */
const LEASE_MS = 300;

// [1]
class Registry {
  private readonly leases = new Map<string, number>();

  constructor(private readonly node: Node) {}

  renew(id: string) {
    this.leases.set(id, this.node.monotonic() + LEASE_MS);
  }

  // [2]
  live(): string[] {
    const now = this.node.monotonic();
    for (const [id, until] of this.leases) if (until <= now) this.leases.delete(id);
    return [...this.leases.keys()].sort();
  }
}

export default function registry(node: Node) {
  const reg = new Registry(node);
  const show = () => {
    const live = reg.live();
    node.state.live = live;
    node.metric('registered', live.length);
  };
  node.every(100, show);

  node.on('register', (msg) => {
    reg.renew(msg.from);
    show();
    node.reply(msg, { heartbeatEvery: HEARTBEAT_EVERY_MS });
  });

  // [3]
  node.on('heartbeat', (msg) => reg.renew(msg.from));

  node.on('lookup', (msg) => node.reply(msg, { instances: reg.live() }));
}
