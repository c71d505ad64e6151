/** Bug: never stops: every note ever sent is sent again every 300 ms, acknowledged or not. */
import type { Node } from '@playground/node';

const NOTES = 30;
const EVERY_MS = 200;
const RETRY_MS = 300;

export default function sender(node: Node) {
  const acked = new Set<number>();
  let next = 1;

  node.on('note_ok', (msg) => {
    acked.add(msg.body.seq);
    node.metric('acked', acked.size);
  });

  const writing = node.every(EVERY_MS, () => {
    if (next > NOTES) {
      writing.cancel();
      return;
    }
    node.send('receiver', 'note', { seq: next, text: `note number ${next}` });
    next += 1;
  });

  // "The receiver ignores duplicates, so resending everything is harmless."
  node.every(RETRY_MS, () => {
    for (let seq = 1; seq < next; seq++) node.send('receiver', 'note', { seq, text: `note number ${seq}` });
  });
}
