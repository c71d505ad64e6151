import type { AnyMessage, Node } from '@playground/node';

export default function router(node: Node) {
  // [1]
  let v1: string[] = node.peers('v1');
  let v2: string[] = [];
  let pct = 0;
  let next = 0;

  node.on('request', async (msg: AnyMessage) => {
    // [2]
    const pool = v2.length > 0 && node.random() * 100 < pct ? v2 : v1;
    const replica = pool[next++ % pool.length]!;
    try {
      const answer = await node.rpc(replica, 'work', msg.body, { timeout: 2000 });
      node.reply(msg, answer.body);
    } catch {
      node.warn(`${replica} did not answer request ${msg.body.id}`);
    }
  });

  // [3]
  node.on('deploy', async (msg: AnyMessage) => {
    v2 = [1, 2].map(() => node.spawn('v2', { storage: { image: msg.body.image } }));
    pct = 10;
    await node.sleep(1000);
    pct = 100;
    await node.sleep(500);
    for (const replica of v1) node.stop(replica);
    v1 = v2;
  });
}

/*
[1]
Two pools: the v1 replicas, and (once deployed) the v2 replicas. `pct` is the share of traffic v2 gets.

[2]
A canary by coin flip: each request goes to v2 with probability `pct`%. The share is right, but a user whose
clicks land on v1, v2, v1 sees the site change under them with every click.

[3]
The release: spawn v2, give it 10% for a second, then everything, and retire v1. It never looks at what v2
answers. Run a few seeds: on the bad ones, v2 starts failing half its requests after a while, and by then it
has all the traffic.

Your exercise: make this a canary release.
- Stick each user to one version: put a fixed tenth of the users (not of the requests) on v2.
- Watch v2's answers. If it starts answering errors, roll back: every user to v1, then stop v2.
- If v2 stays healthy long enough (a bad build may take 1.5 s to start failing), promote it: more users,
  then all, by 5 s after the deploy, and only then drain and stop v1.
*/
