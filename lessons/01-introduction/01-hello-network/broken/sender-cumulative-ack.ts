/** Bug: reads a note_ok as "everything up to here arrived" (like TCP), but the receiver acks each note alone. */
import type { Node } from '@playground/node';

const NOTES = 30;
const EVERY_MS = 200;
const RETRY_MS = 300;

export default function sender(node: Node) {
  const waiting = new Map<number, number>();
  let next = 1;

  function send(seq: number) {
    node.send('receiver', 'note', { seq, text: `note number ${seq}` });
    waiting.set(seq, node.monotonic());
  }

  node.on('note_ok', (msg) => {
    const seq: number = msg.body.seq;
    for (const s of [...waiting.keys()]) if (s <= seq) waiting.delete(s);
  });

  const writing = node.every(EVERY_MS, () => {
    if (next > NOTES) {
      writing.cancel();
      return;
    }
    send(next);
    next += 1;
  });

  node.every(RETRY_MS, () => {
    for (const [seq, sentAt] of waiting) if (node.monotonic() - sentAt >= RETRY_MS) send(seq);
  });
}
