import type { AnyMessage, Node } from '@playground/node';

export default function router(node: Node) {
  // [1]
  let live: string[] = node.peers('blue');
  let next = 0;

  node.on('request', async (msg: AnyMessage) => {
    const replica = live[next++ % live.length]!;
    try {
      const answer = await node.rpc(replica, 'work', msg.body, { timeout: 2500 });
      node.reply(msg, answer.body);
    } catch {
      node.warn(`${replica} did not answer request ${msg.body.id}`);
    }
  });

  // [2]
  node.on('deploy', (msg: AnyMessage) => {
    const green = [1, 2].map(() => node.spawn('green', { storage: { image: msg.body.image } }));
    const blue = live;
    live = green;
    for (const replica of blue) node.stop(replica);
    node.state.live = live;
  });
}

/*
[1]
The router sends each request to the next replica of the live color, round robin, and passes the answer
back. At first the live color is blue: the two v1 replicas.

[2]
The release asks for v2. This router does the quickest thing: it spawns two green replicas, points all
traffic at them at once, and stops blue on the spot. Press Run and watch the Sequence tab at the deploy:
- the slow requests blue was still working on never come back (blue was stopped under them);
- on some seeds green is broken, and from the cutover on every user gets an error.

Your exercise: make this a blue-green deployment.
- Smoke-test green before any user sees it: send each green replica test requests (`work` with an id of
  your own) and check the answers. If green fails, stop it and keep blue.
- Cut over at once: from one moment on, every new request goes to green and none to blue.
- Drain blue: wait until every request blue is still working on has been answered, then `node.stop` it.
- A blue replica may crash or stall around the cutover: retry a request that timed out on another replica
  of the live color.
*/
