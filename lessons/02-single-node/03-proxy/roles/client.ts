import type { Node } from '@playground/node';

/** The keys, most popular first: `home` is asked for about 8 times as often as `help`. */
const KEYS = ['home', 'cart', 'user', 'news', 'deals', 'help'];
const WEIGHTS = [8, 6, 4, 3, 2, 1];
const EVERY_MS = 100;
const STOP_AT_MS = 11_000;

export default function client(node: Node) {
  node.state.answered = 0;
  node.state.failed = 0;

  function pick(): string {
    const total = WEIGHTS.reduce((a, b) => a + b, 0);
    let r = node.random() * total;
    for (let i = 0; i < KEYS.length; i++) {
      r -= WEIGHTS[i]!;
      if (r < 0) return KEYS[i]!;
    }
    return KEYS[0]!;
  }

  // [1]
  const reading = node.every(EVERY_MS, async () => {
    if (node.monotonic() >= STOP_AT_MS) {
      reading.cancel();
      return;
    }
    const key = pick();
    try {
      await node.rpc('proxy', 'get', { key }, { timeout: 1000 });
      node.state.answered = Number(node.state.answered) + 1;
    } catch {
      node.state.failed = Number(node.state.failed) + 1;
    }
  });
}

/*
[1]
Each client reads a key every 100 ms and waits up to a second for the answer. Six keys, some far more
popular than others, and thirty reads a second: the same few answers are asked for again and again.
*/
