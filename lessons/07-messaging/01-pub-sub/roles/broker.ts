import type { Node } from '@playground/node';

// The book's Broker: it manages topics and distributes each message to the topic's subscribers.
export default function broker(node: Node) {
  const subscribers = new Map<string, string[]>(); // topic -> subscriber ids
  node.state = { subscribers: {} };

  // [1]
  node.on('subscribe', (msg) => {
    const topic = String(msg.body.topic);
    const list = subscribers.get(topic) ?? [];
    if (!list.includes(msg.from)) list.push(msg.from);
    subscribers.set(topic, list);
    node.state.subscribers = Object.fromEntries(subscribers);
    node.reply(msg, { topic });
  });

  // [2]
  node.on('publish', (msg) => {
    const { topic, news } = msg.body;
    node.reply(msg, { topic, seq: msg.body.seq });
    for (const subscriber of subscribers.get(topic) ?? []) {
      node.send(subscriber, 'news', { topic, news });
    }
  });
}

/*
[1]
A subscriber says `subscribe` with a topic; the broker adds it to that topic's list and answers `subscribe_ok`.

[2]
A `publish` from the publisher: confirm it (`publish_ok`, so the publisher stops resending it), then send one
`news` message to every subscriber of the topic. Fire and forget: a `news` message lost on the way, or sent
to a subscriber that is cut off, is gone. A `publish` the publisher sent twice is passed on twice.

Your exercise: the broker keeps, for each subscriber, its own queue of the items published since it
subscribed, numbered 1, 2, 3, ...; it sends each item with its number, keeps it until the subscriber
acknowledges it, and sends what is not acknowledged again a little later. It passes each published item on
once, however often the publisher hands it over (the publisher's `seq` tells a repeat from a new item).
*/
