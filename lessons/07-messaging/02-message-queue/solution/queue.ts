import type { Node } from '@playground/node';

const VISIBILITY_MS = 1000;
const MAX_DELIVERIES = 5;

interface Entry {
  task: { id: string };
  deliveries: number;
  /** Monotonic ms when an unacknowledged delivery expires and the task is visible again. */
  invisibleUntil: number;
}

// The MessageQueue with visibility timeouts, redelivery and a dead-letter queue.
export default function messageQueue(node: Node) {
  const visible: Entry[] = []; // [1]
  const inFlight = new Map<string, Entry>();
  const known = new Set<string>();
  const deadLetters = new Map<string, Entry>();
  const answered = new Set<string>();
  node.state = { length: 0, inFlight: 0, dead: [] };

  function chart() {
    node.state = { length: visible.length, inFlight: inFlight.size, dead: [...deadLetters.keys()] };
    node.metric('queue_length', visible.length);
    node.metric('in_flight', inFlight.size);
  }

  node.on('enqueue', (msg) => {
    const task = msg.body.task as Entry['task'];
    node.reply(msg, {});
    if (known.has(task.id)) return; // [2]
    known.add(task.id);
    visible.push({ task, deliveries: 0, invisibleUntil: 0 });
    chart();
  });

  node.on('receive', (msg) => {
    // [3]
    if (answered.has(msg.id)) return;
    answered.add(msg.id);
    expire();
    for (let entry = visible.shift(); entry; entry = visible.shift()) {
      if (entry.deliveries >= MAX_DELIVERIES) {
        deadLetter(entry); // [4]
        continue;
      }
      entry.deliveries += 1;
      entry.invisibleUntil = node.monotonic() + VISIBILITY_MS;
      inFlight.set(entry.task.id, entry);
      node.reply(msg, { task: entry.task, delivery: entry.deliveries });
      chart();
      return;
    }
    node.reply(msg, { task: null });
    chart();
  });

  // [5]
  node.on('ack', (msg) => {
    const id = String(msg.body.id);
    node.reply(msg, { id });
    inFlight.delete(id);
    const waiting = visible.findIndex((e) => e.task.id === id);
    if (waiting >= 0) visible.splice(waiting, 1);
    chart();
  });

  node.on('nack', (msg) => {
    node.reply(msg, { id: msg.body.id });
    const entry = inFlight.get(String(msg.body.id));
    if (entry) entry.invisibleUntil = 0;
    expire();
  });

  // [6]
  function expire() {
    const now = node.monotonic();
    const due = [...inFlight.values()].filter((e) => e.invisibleUntil <= now);
    for (const entry of due.reverse()) {
      inFlight.delete(entry.task.id);
      visible.unshift(entry);
    }
    if (due.length) chart();
  }
  node.every(100, expire);

  // [7]
  function deadLetter(entry: Entry) {
    deadLetters.set(entry.task.id, entry);
    void (async () => {
      for (;;) {
        try {
          await node.rpc(
            'dlq',
            'dead_letter',
            { task: entry.task, deliveries: entry.deliveries },
            { timeout: 300 },
          );
          return;
        } catch {
          // Not confirmed: send it again; the dead-letter queue keeps a task once.
        }
      }
    })();
  }
}

/*
[1]
Tasks waiting, oldest first; tasks handed out and not acknowledged yet, with the moment their delivery expires;
the ids seen, so a task the producer sent twice is stored once.

[2]
A repeat of a task we already have (its enqueue_ok was lost): confirm it again, store nothing.

[3]
The network duplicates a few messages, a `receive` too: both copies carry the same message id. Answering the
copy would hand a second task to a consumer that is no longer waiting for one (its rpc took the first
answer), and that task would sit out a visibility timeout for nothing, a delivery counted towards the
dead-letter limit.

[4]
A task delivered MAX_DELIVERIES times and never acknowledged is poison (or very unlucky): park it in the
dead-letter queue instead of handing it out forever.

[5]
`ack` with the task's id: it has taken effect, forget it, wherever it is (a slow consumer's ack may come after
the task was made visible again). `nack`: the consumer gave up on it, make it visible at once.

[6]
The visibility timeout, on node.monotonic(): a delivery not acknowledged within VISIBILITY_MS puts the task
back at the front of the queue. The consumer that had it may have crashed, or be slow; if it is only slow, the
task is now processed twice, and the consumer's idempotency key keeps that harmless.

[7]
The dead-letter queue must get the task even if a message is lost: send it until `dead_letter_ok`.
*/
