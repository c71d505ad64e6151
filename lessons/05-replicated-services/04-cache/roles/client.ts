import type { Node } from '@playground/node';

/** The keys of the store. Which are read most is drawn per seed. */
const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'];

/** Reads a key every 8-16 ms until 10.5 s; a few keys take most of the reads (weights drawn per seed). */
export default function client(node: Node) {
  // [1]
  const weights = KEYS.map(() => node.random() ** 3);
  const total = weights.reduce((a, b) => a + b, 0);
  const pick = (): string => {
    let r = node.random() * total;
    for (let i = 0; i < KEYS.length; i++) if ((r -= weights[i] ?? 0) < 0) return KEYS[i] ?? 'k0';
    return KEYS[KEYS.length - 1] ?? 'k0';
  };
  let id = Number(node.id.slice(-1)) * 1_000_000;
  let failed = 0;
  node.state.failed = 0;

  const tick = async () => {
    if (node.monotonic() > 10_500) return;
    node.setTimer(8 + Math.floor(node.random() * 9), tick);
    id += 1;
    try {
      // [2]
      const answer = await node.rpc('cache', 'get', { key: pick(), id }, { timeout: 1000 });
      if (answer.type !== 'get_ok') node.state.failed = ++failed;
    } catch {
      node.state.failed = ++failed;
    }
  };
  node.setTimer(200 + Math.floor(node.random() * 20), tick);
}

/*
[1]
Key popularity is drawn from this node's seeded stream: every seed has other hot keys.

[2]
The cache answers `get_ok` with the key's `value` and `version` (as a replica gave them), or `get_error`
when it could not get the key from any replica.
*/
