/** Bug: retries far too eagerly: every waiting note is sent again every 10 ms, flooding the wire. */
import type { Node } from '@playground/node';

const NOTES = 30;
const EVERY_MS = 200;

export default function sender(node: Node) {
  const waiting = new Set<number>();
  let next = 1;

  node.on('note_ok', (msg) => {
    waiting.delete(msg.body.seq);
    node.metric('acked', NOTES - waiting.size - (NOTES - next + 1));
  });

  const writing = node.every(EVERY_MS, () => {
    if (next > NOTES) {
      writing.cancel();
      return;
    }
    waiting.add(next);
    node.send('receiver', 'note', { seq: next, text: `note number ${next}` });
    next += 1;
  });

  // "Faster retries deliver sooner": every 10 ms, everything not yet acknowledged goes out again.
  node.every(10, () => {
    for (const seq of waiting) node.send('receiver', 'note', { seq, text: `note number ${seq}` });
  });
}
