import type { Node } from '@playground/node';

// The NewsSubscriber that subscribes until confirmed, acknowledges, and prints in order, once.
export default function newsSubscriber(node: Node) {
  const name = node.id;
  const joinAt = joinTime(node);
  let subscribed = false;
  let printed = 0; // [1]
  const early = new Map<number, string>();
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
    if (n > printed) early.set(n, news);
    while (early.has(printed + 1)) {
      printed += 1;
      onMessage(topic, early.get(printed)!);
      early.delete(printed);
    }
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

/*
[1]
The number of the last item printed. The broker numbers each subscriber's items 1, 2, 3, ...: an item at or
below `printed` is a repeat (the network duplicated it, or the broker resent it because an ack was lost).

[2]
No subscribe_ok in 300 ms: ask again. Subscribing is idempotent at the broker, so asking twice is harmless.

[3]
Hold back an item that overtook its predecessor, print every item that is next in line, and acknowledge how
far we got, even for a repeat: its ack may be the one that was lost.
*/
