import type { Json, Node } from '@playground/node';

// The book's MessageQueue: stores tasks until a consumer takes them.
export default function messageQueue(node: Node) {
  const tasks: Json[] = [];
  node.state = { length: 0 };

  function chart() {
    node.state.length = tasks.length;
    node.metric('queue_length', tasks.length); // [1]
  }

  // [2]
  node.on('enqueue', (msg) => {
    tasks.push(msg.body.task);
    node.reply(msg, {});
    chart();
  });

  // [3]
  node.on('receive', (msg) => {
    const task = tasks.shift() ?? null;
    node.reply(msg, { task });
    chart();
  });
}

/*
[1]
The queue_length chart: a burst from the producer makes it climb, the consumers bring it back down.

[2]
The producer's `enqueue`: store the task, confirm with `enqueue_ok`. A task the producer sent twice (its
confirmation was lost) is stored twice.

[3]
A consumer's `receive`: hand over the oldest task, or `null` when there is none. The task leaves the queue
the moment it is handed over. If the `receive_ok` is lost, or the consumer crashes before it has finished, the
task is gone.

Your exercise, here: hand a task over without forgetting it. Keep it, invisible to other consumers, for a
visibility timeout; if the consumer has not acknowledged it by then (`ack`), make it visible again so another
consumer gets it. Count its deliveries, and after a few, move it to the dead-letter queue (`dlq`, a
`dead_letter` message) instead of handing it over again. Chart how many tasks wait and how many are out.
*/
