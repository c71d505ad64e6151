import type { Node } from '@playground/node';

// [1]
class Registry {
  private readonly instances: string[] = [];

  register(id: string) {
    if (!this.instances.includes(id)) this.instances.push(id);
  }

  live(): string[] {
    return [...this.instances];
  }
}

export default function registry(node: Node) {
  const reg = new Registry();

  // [2]
  node.on('register', (msg) => {
    reg.register(msg.from);
    node.metric('registered', reg.live().length);
    node.reply(msg, { heartbeatEvery: 300 });
  });

  // [3]
  node.on('heartbeat', () => {});

  node.on('lookup', (msg) => node.reply(msg, { instances: reg.live() }));
}

/*
[1]
A registry: the instances that registered. The bug: an instance stays in it for ever. Instances never
deregister when they die (a crash gives them no chance to), so a dead instance stays in every answer,
and the clients keep sending it a share of the requests.

[2]
An instance registers at boot; the answer tells it how often to heartbeat (`heartbeatEvery`, ms).

[3]
Your exercise: give every registration a lease.
- Each `heartbeat` (or `register`) from an instance renews its lease; a heartbeat from an instance you do
  not know (it was expired, then came back) registers it again.
- An instance whose lease ran out is left out of the `lookup` answers. Make the lease a few heartbeats
  long, so that one lost heartbeat does not cost a live instance its place, and short enough that a dead
  one is gone within 2 s.
- Time the lease on `node.monotonic()`, not `node.now()`: the registry's wall clock is corrected forwards
  and back.
- Heartbeats cost messages: do not ask for them more often than you need.
*/
