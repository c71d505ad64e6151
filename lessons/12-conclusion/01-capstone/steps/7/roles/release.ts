import type { Node } from '@playground/node';

/** The release pipeline: installs build 2 on every replica, then asks the gateway to deploy it, once. */
export default function release(node: Node) {
  // [1]
  const deployAt = 4000 + Math.floor(node.random() * 1500);
  const bad = node.random() < 0.4;
  const failsFrom = deployAt + 300 + Math.floor(node.random() * 900);

  // [2]
  async function install(replica: string) {
    for (;;) {
      try {
        return await node.rpc(replica, 'install', { build: 2, bad, failsFrom }, { timeout: 300 });
      } catch {
        await node.sleep(200);
      }
    }
  }
  node.setTimer(200, () => Promise.all(node.peers('replica').map(install)));

  node.setTimer(deployAt, () => {
    node.log(`deploying build 2 (${bad ? `a bad build: fails from ${failsFrom} ms` : 'a good build'})`);
    node.send('gateway', 'deploy', { build: 2 });
  });
}

/*
[1]
Drawn per seed: when build 2 is deployed (4 to 5.5 s), and whether it is bad (about 4 seeds in 10). A bad
build looks fine at first: from 0.3 to 1.2 s after the deploy it fails about half of its calls. The gateway
is not told: it must watch the replicas' answers.

[2]
Build 2 is installed on every replica early (at 200 ms, retried until the replica answers), next to build 1:
nothing asks for it yet. The deploy tells the gateway it may send calls to it (`build: 2` in a call's body).
*/
