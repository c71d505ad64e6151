import type { Node } from '@playground/node';

// The dead-letter queue: where the queue parks a task that failed too often. [1]
export default function deadLetterQueue(node: Node) {
  const parked: string[] = [];
  node.state = { parked: [] };

  node.on('dead_letter', (msg) => {
    const id = String((msg.body as { task?: { id?: unknown } }).task?.id);
    if (!parked.includes(id)) {
      parked.push(id);
      node.warn(`parked ${id} after ${String(msg.body.deliveries)} deliveries`);
    }
    node.state.parked = [...parked];
    node.reply(msg, { task: id });
  });
}

/*
[1]
A task sent here (`dead_letter` with the task) is out of the way: nobody retries it again, and a human can look
at it. It answers `dead_letter_ok`, so the queue knows it arrived.
*/
