/** Bug: drops repeats, but prints an item as soon as it arrives, even before its predecessor. */
import type { Node } from '@playground/node';

// The NewsSubscriber that subscribes until confirmed, acknowledges, and prints in order, once.
export default function newsSubscriber(node: Node) {
  const name = node.id;
  const joinAt = joinTime(node);
  let subscribed = false;
  let printed = 0; // [1]
  const early = new Map<number, string>();
  const seen = new Set<number>();
  node.state = { printed: 0, waiting: 0 };

  async function subscribe(topic: string) {
    while (!subscribed) {
      try {
        await node.rpc('broker', 'subscribe', { topic }, { timeout: 300 });
        subscribed = true;
      } catch {
        // [2]
      }
    }
  }

  function onMessage(topic: string, message: string) {
    node.log(`${name} received news: ${message}`);
  }

  // [3]
  node.on('news', (msg) => {
    const { topic, n, news } = msg.body as { topic: string; n: number; news: string };
    if (!seen.has(n)) {
      seen.add(n);
      onMessage(topic, news);
    }
    while (seen.has(printed + 1)) printed += 1;
    node.send('broker', 'ack', { topic, upTo: printed });
    node.state = { printed, waiting: early.size };
  });

  node.setTimer(joinAt, () => subscribe('news'));
}

/** When this subscriber subscribes: at once, except subscriber-3, late (drawn per seed). Keep this. */
function joinTime(node: Node): number {
  const late = 3000 + Math.round(node.random() * 3000);
  return node.id === 'subscriber-3' ? late : 50;
}
