import type { Node } from '@playground/node';

const EVERY_MS = 300;
const STOP_AT_MS = 10_800;
const GUESSES = [undefined, 'letmein', 'tok-client-0000'];

export default function intruder(node: Node) {
  let n = 0;
  node.state.got = 0;
  node.state.denied = 0;

  // [1]
  const trying = node.every(EVERY_MS, async () => {
    if (node.now() >= STOP_AT_MS) {
      trying.cancel();
      return;
    }
    n += 1;
    const key = `user:${100 + n}`;
    const token = GUESSES[n % GUESSES.length];
    try {
      const answer = await node.rpc('sidecar', 'lookup', token ? { key, token } : { key }, {
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
The intruder knows the pod's front door too. It walks through other users' records (`user:101`,
`user:102`, ...) every 300 ms, with no token, a made-up one, or a guess that looks like the client's.
*/
