/** Bug: too patient: a note waits 2 s before each retry, so every loss costs the receiver 2 s. */
import type { Node } from '@playground/node';

const NOTES = 30;
const EVERY_MS = 200;
const RETRY_MS = 2000;

export default function sender(node: Node) {
  const acked = new Set<number>();
  const waiting = new Map<number, number>();
  let next = 1;
  node.state.sent = 0;
  node.state.acked = 0;
  node.state.retries = 0;

  function send(seq: number) {
    node.send('receiver', 'note', { seq, text: `note number ${seq}` });
    waiting.set(seq, node.monotonic());
    node.state.waiting = [...waiting.keys()];
  }

  node.on('note_ok', (msg) => {
    const seq: number = msg.body.seq;
    waiting.delete(seq);
    acked.add(seq);
    node.state.waiting = [...waiting.keys()];
    node.state.acked = acked.size;
    node.metric('acked', acked.size);
  });

  const writing = node.every(EVERY_MS, () => {
    if (next > NOTES) {
      writing.cancel();
      return;
    }
    send(next);
    node.state.sent = next;
    next += 1;
  });

  node.every(RETRY_MS, () => {
    for (const [seq, sentAt] of waiting) {
      if (node.monotonic() - sentAt >= RETRY_MS) {
        send(seq);
        node.state.retries = Number(node.state.retries) + 1;
      }
    }
  });
}
