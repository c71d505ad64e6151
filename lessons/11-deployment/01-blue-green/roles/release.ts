import type { Node } from '@playground/node';

/** The release pipeline: asks the router to deploy v2 once. Whether the build is broken is drawn per seed. */
export default function release(node: Node) {
  // [1]
  const at = 2500 + Math.floor(node.random() * 1000);
  const broken = node.random() < 0.4;
  node.setTimer(at, () => {
    node.log(`deploying v2 (${broken ? 'a broken build, though nobody knows yet' : 'a good build'})`);
    node.send('router', 'deploy', { version: 'v2', image: { version: 'v2', broken } });
  });
}

/*
[1]
On about 40% of seeds the v2 build is broken: its replicas answer every request with an error. The router
cannot read `image.broken` to decide (a real deployer cannot read a bug off a build either): it must find
out by testing green. Pass `image` on unchanged when you spawn green: `node.spawn('green', { storage: {
image } })`.
*/
