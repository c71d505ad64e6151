import type { Node } from '@playground/node';

/** The release pipeline: asks for v2 once. Whether the build is bad, and when it starts to fail, is drawn per seed. */
export default function release(node: Node) {
  // [1]
  const at = 1500 + Math.floor(node.random() * 1000);
  const bad = node.random() < 0.4;
  const failsAfter = 500 + Math.floor(node.random() * 1000);
  node.setTimer(at, () => {
    node.log(`deploying v2 (${bad ? `a bad build: fails ${failsAfter} ms after boot` : 'a good build'})`);
    node.send('router', 'deploy', { version: 'v2', image: { version: 'v2', bad, failsAfter } });
  });
}

/*
[1]
A bad v2 looks fine at first: it fails only once it has run for `failsAfter` ms (0.5 to 1.5 s), and then
about half of its requests. The router cannot read `image.bad`: it must watch v2's answers. Pass `image` on
unchanged: `node.spawn('v2', { storage: { image } })`.
*/
