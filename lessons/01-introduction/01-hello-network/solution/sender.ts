import type { Node } from '@playground/node';

const NOTES = 30;
const EVERY_MS = 200;
const RETRY_MS = 300;

export default function sender(node: Node) {
  const acked = new Set<number>();
  // [1]
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

  // [2]
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

  // [3]
  node.every(RETRY_MS, () => {
    for (const [seq, sentAt] of waiting) {
      if (node.monotonic() - sentAt >= RETRY_MS) {
        send(seq);
        node.state.retries = Number(node.state.retries) + 1;
      }
    }
  });
}

/*
[1]
The notes sent but not yet acknowledged, with when each was last sent. Acknowledged notes leave this map, so
nothing is sent again once the receiver has confirmed it.

[2]
An acknowledgement may arrive twice (the network duplicates) or late (for an earlier copy of the note); both
are fine: deleting from the map and adding to the set are idempotent.

[3]
At-least-once delivery: every 300 ms, send again every note that has waited that long. The receiver may get a
note more than once, which is why it ignores duplicates (see its code).
*/
