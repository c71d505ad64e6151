import type { Node } from '@playground/node';

// The book's EventBroker: keeps the subscribers of each topic and passes every event on. [1]
export default function eventBroker(node: Node) {
  const subscribers = new Map<string, Set<string>>();

  node.on('subscribe', (msg) => {
    const topic = String(msg.body.topic);
    const set = subscribers.get(topic) ?? new Set<string>();
    set.add(msg.from);
    subscribers.set(topic, set);
    node.reply(msg, { topic });
  });

  node.on('emit', (msg) => {
    for (const to of subscribers.get(String(msg.body.topic)) ?? []) {
      node.send(to, 'event', { topic: msg.body.topic, data: msg.body.data });
    }
  });
}

/*
[1]
The broker does not judge events: it passes each on as it comes. The links from the sensors and to the
processor hold some events back (so a later one overtakes them) and deliver some twice.
*/
