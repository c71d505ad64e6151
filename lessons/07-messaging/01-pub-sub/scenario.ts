import { defineScenario } from '@playground/scenario';

/**
 * The book's pub-sub example: one NewsPublisher, a Broker, three NewsSubscribers (subscriber-3 joins late, at a
 * moment drawn per seed). The links lose, duplicate and reorder a few messages; the nemesis cuts one
 * subscriber off from the broker for a while and pauses the broker once, both drawn per seed.
 */
export default defineScenario({
  id: 'pub-sub',
  title: 'Publish-subscribe: every subscriber, every item, in order, once',
  roles: {
    publisher: {
      file: 'roles/publisher.ts',
      editable: false,
      description: 'NewsPublisher: 30 news items drawn per seed, each handed to the broker until it confirms',
    },
    broker: {
      file: 'roles/broker.ts',
      description: 'Broker: keeps the topic’s subscribers and passes each news item on to them',
    },
    subscriber: {
      file: 'roles/subscriber.ts',
      count: 3,
      description: 'NewsSubscriber: prints each news item it gets (subscriber-3 subscribes late)',
    },
  },
  network: {
    defaults: {
      latency: { kind: 'uniform', min: 5, max: 40 },
      loss: 0.05,
      duplicate: 0.05,
      reorder: 0.1,
      reorderMs: 120,
    },
  },
  nemesis: [
    // One subscriber cut off from the broker for longer than any retry timer.
    { kind: 'partition', from: 'subscriber', to: 'broker', at: [2000, 9000], for: [1500, 3500] },
    // The broker stops handling anything for a while (slow but alive): the publisher retries meanwhile.
    { kind: 'pause', node: 'broker', at: [1000, 12_000], for: [400, 1200] },
  ],
  until: 22_000,
  metrics: ['unacked'],
});
