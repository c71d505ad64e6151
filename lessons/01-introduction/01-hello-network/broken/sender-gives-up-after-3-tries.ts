/** Bug: gives up too soon: a note is tried 3 times (900 ms), so a receiver down for longer loses it. */
import type { Node } from '@playground/node';

const NOTES = 30;
const EVERY_MS = 200;
const RETRY_MS = 300;
const MAX_TRIES = 3;

export default function sender(node: Node) {
  const tries = new Map<number, number>();
  let next = 1;

  function send(seq: number) {
    node.send('receiver', 'note', { seq, text: `note number ${seq}` });
    tries.set(seq, (tries.get(seq) ?? 0) + 1);
  }

  node.on('note_ok', (msg) => {
    tries.delete(msg.body.seq);
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
    for (const [seq, n] of tries) {
      if (n >= MAX_TRIES) tries.delete(seq);
      else send(seq);
    }
  });
}
