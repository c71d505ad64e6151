import type { Node } from '@playground/node';

const INSTANCES = 3;

/** The deployer: starts three api instances, then replaces them one by one under new names. */
export default function ops(node: Node) {
  // [1]
  const live: string[] = [];
  for (let k = 0; k < INSTANCES; k++) start();
  node.state.instances = [...live];

  function start(): string {
    const id = node.spawn('server');
    live.push(id);
    node.send('dns', 'update', { add: id });
    return id;
  }

  // [2]
  async function replaceOne() {
    const old = live.shift()!;
    const fresh = start();
    node.log(`rolling update: ${fresh} replaces ${old}`);
    await node.sleep(50);
    node.send('dns', 'update', { remove: old });
    const drain = Math.floor(node.random() * 400);
    await node.sleep(drain);
    node.stop(old);
    node.log(`stopped ${old}, ${drain} ms after taking it out of DNS`);
    node.state.instances = [...live];
    node.metric('instances', live.length);
  }

  let next = 1500 + Math.floor(node.random() * 1000);
  const schedule = () => {
    node.setTimer(Math.max(0, next - node.monotonic()), async () => {
      await replaceOne();
      next += 1500 + Math.floor(node.random() * 1000);
      if (next < 12_000) schedule();
    });
  };
  schedule();

  // [3]
  const hangAt = 2000 + Math.floor(node.random() * 8000);
  const hangFor = 800 + Math.floor(node.random() * 700);
  node.setTimer(hangAt, () => {
    const victim = live[Math.floor(node.random() * live.length)]!;
    node.log(`${victim} hangs for ${hangFor} ms (DNS still lists it)`);
    node.send(victim, 'hang', { forMs: hangFor });
  });
}

/*
[1]
Each instance gets a new name from `node.spawn` (ops/server-1, ops/server-2, ...), as a new pod or VM gets a
new address. Ops registers it in DNS as soon as it starts.

[2]
A rolling update, one instance at a time, at moments drawn per seed: start the new one, register it, take the
old one out of DNS, and stop it 0 to 400 ms later: sooner than the TTL, so clients still holding an old
answer send to an instance that is gone. A careful deployer would wait a whole TTL before stopping it; many
do not, and an instance can die without warning anyway.

[3]
Once per run an instance hangs for 0.8 to 1.5 s, at a time drawn per seed: DNS still lists it.
*/
