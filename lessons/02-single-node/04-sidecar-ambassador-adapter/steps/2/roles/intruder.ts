import type { Node } from '@playground/node';

const EVERY_MS = 300;
const STOP_AT_MS = 10_800;

export default function intruder(node: Node) {
  node.state.got = 0;
  node.state.denied = 0;

  // [1]
  function guess(): string | undefined {
    const r = node.random();
    if (r < 0.25) return undefined;
    if (r < 0.5) return 'letmein';
    if (r < 0.75)
      return `tok-client-${Math.floor(node.random() * 0x10000)
        .toString(16)
        .padStart(4, '0')}`;
    return '';
  }

  const trying = node.every(EVERY_MS, async () => {
    if (node.monotonic() >= STOP_AT_MS) {
      trying.cancel();
      return;
    }
    const key = `user:${Math.floor(node.random() * 1000)}`;
    const token = guess();
    try {
      const answer = await node.rpc('sidecar', 'lookup', token === undefined ? { key } : { key, token }, {
        timeout: 1500,
      });
      if (answer.type === 'lookup_ok') node.state.got = Number(node.state.got) + 1;
      if (answer.type === 'lookup_denied') node.state.denied = Number(node.state.denied) + 1;
    } catch {
      // No answer: try the next one.
    }
  });
}

/*
[1]
The intruder knows the pod's front door too. Every 300 ms it asks for some user's record (the same users
the client reads), with no token, an empty one, a made-up one, or a guess that looks like the client's
(`tok-client-` and four hex digits).
*/
