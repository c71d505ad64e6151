/** Bug: a 150 ms visibility timeout, shorter than the work: healthy tasks are handed out again and again. */
import type { Node } from '@playground/node';

const VISIBILITY_MS = 150;
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
