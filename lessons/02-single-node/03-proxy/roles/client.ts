import type { Node } from '@playground/node';

const KEYS = ['home', 'cart', 'user', 'news'];
const EVERY_MS = 100;
const STOP_AT_MS = 11_000;

export default function client(node: Node) {
  node.state.answered = 0;
  node.state.failed = 0;

  // [1]
  const reading = node.every(EVERY_MS, async () => {
    if (node.now() >= STOP_AT_MS) {
      reading.cancel();
      return;
    }
    const key = KEYS[Math.floor(node.random() * KEYS.length)]!;
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
Each client reads one of four keys every 100 ms and waits up to a second for the answer. Four hot keys and
thirty reads a second: the same few answers are asked for again and again.
*/
