import { defineScenario } from '@playground/scenario';

/**
 * The book's message-queue example: a TaskProducer, the MessageQueue, three TaskConsumers, plus the ledger the
 * tasks take effect in and a dead-letter queue. 200 tasks (one poison, drawn per seed) come in bursts. The
 * nemesis crashes one consumer (it is holding a task: consumers are always busy), pauses another for longer
 * than any sensible visibility timeout, and slows one consumer's link to the ledger, all drawn per seed.
 */
export default defineScenario({
  id: 'message-queue',
  title: 'Message queue: every task takes effect once',
  roles: {
    producer: {
      file: 'roles/producer.ts',
      editable: false,
      description: 'TaskProducer: 200 tasks in bursts (one is poison), each sent until the queue confirms',
    },
    queue: {
      file: 'roles/queue.ts',
      description: 'MessageQueue: stores tasks until a consumer has processed them',
    },
    consumer: {
      file: 'roles/consumer.ts',
      count: 3,
      description: 'TaskConsumer: takes a task from the queue, works on it, applies it to the ledger',
    },
    ledger: {
      file: 'roles/ledger.ts',
      editable: false,
      description: 'Where a task takes effect: adds its amount to an account (once per idempotency key)',
    },
    dlq: {
      file: 'roles/dlq.ts',
      editable: false,
      description: 'Dead-letter queue: keeps the tasks no consumer could process, for a human to look at',
    },
  },
  network: {
    defaults: { latency: { kind: 'uniform', min: 5, max: 25 }, loss: 0.03, duplicate: 0.03 },
  },
  nemesis: [
    { kind: 'crash', node: 'consumer', at: [2000, 12_000], down: [1000, 3000] },
    { kind: 'pause', node: 'consumer', at: [2000, 12_000], for: [1800, 3000] },
    {
      kind: 'slow',
      from: 'consumer',
      to: 'ledger',
      at: [1000, 12_000],
      for: [1500, 3000],
      latency: { kind: 'uniform', min: 300, max: 900 },
    },
  ],
  until: 30_000,
  metrics: ['queue_length', 'in_flight'],
});
