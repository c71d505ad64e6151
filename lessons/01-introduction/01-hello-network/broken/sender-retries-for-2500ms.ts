/** Bug: tuned to one outage: it retries a note for 2500 ms only ("the receiver is down for 2 s"), then drops it. */
import type { Node } from '@playground/node';

const NOTES = 30;
const EVERY_MS = 200;
const RETRY_MS = 300;
const GIVE_UP_MS = 2500;

export default function sender(node: Node) {
  // seq -> [first sent, last sent]
  const waiting = new Map<number, [number, number]>();
  let next = 1;

  node.on('note_ok', (msg) => {
    waiting.delete(msg.body.seq);
  });

  const writing = node.every(EVERY_MS, () => {
    if (next > NOTES) {
      writing.cancel();
      return;
    }
    node.send('receiver', 'note', { seq: next, text: `note number ${next}` });
    waiting.set(next, [node.monotonic(), node.monotonic()]);
    next += 1;
  });

  node.every(RETRY_MS, () => {
    const now = node.monotonic();
    for (const [seq, [first, last]] of waiting) {
      if (now - first > GIVE_UP_MS) waiting.delete(seq);
      else if (now - last >= RETRY_MS) {
        node.send('receiver', 'note', { seq, text: `note number ${seq}` });
        waiting.set(seq, [first, now]);
      }
    }
  });
}
