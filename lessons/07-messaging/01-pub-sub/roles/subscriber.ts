import type { Node } from '@playground/node';

// The book's NewsSubscriber: subscribes to 'news' and prints every message it receives.
export default function newsSubscriber(node: Node) {
  const name = node.id;
  const joinAt = joinTime(node); // [1]

  function subscribe(topic: string) {
    node.send('broker', 'subscribe', { topic }); // [2]
  }

  // [3]
  function onMessage(topic: string, message: string) {
    node.log(`${name} received news: ${message}`);
  }

  node.on('news', (msg) => onMessage(msg.body.topic, msg.body.news));

  node.setTimer(joinAt, () => subscribe('news'));
}

/** When this subscriber subscribes: at once, except subscriber-3, late (drawn per seed). Keep this. */
function joinTime(node: Node): number {
  const late = 3000 + Math.round(node.random() * 3000);
  return node.id === 'subscriber-3' ? late : 50;
}

/*
[1]
subscriber-1 and subscriber-2 subscribe as they start; subscriber-3 joins late, 3 to 6 s in (drawn per seed).
A subscriber gets the news published after it subscribed, not the topic's history.

[2]
`subscribe('news')` asks the broker once. Lost on the way (one message in twenty is), and this subscriber
never hears anything.

[3]
`on_message` prints the item. The checker reads these lines, `<name> received news: <text>`: print each news
item exactly once, in the order the publisher published it. The network duplicates and reorders a few
messages, and the broker may send an item again: the subscriber has to notice.

Your exercise (with the broker): subscribe until the broker confirms; acknowledge what you received
(`node.send('broker', 'ack', ...)`); print the items in their number's order, each once, holding back one that
arrives before its predecessor.
*/
