import type { Node } from '@playground/node';

const NOTES = 30;
const EVERY_MS = 200;

export default function sender(node: Node) {
  const acked = new Set<number>();
  let next = 1;
  node.state.sent = 0;
  node.state.acked = 0;

  // [1]
  node.on('note_ok', (msg) => {
    acked.add(msg.body.seq);
    node.state.acked = acked.size;
    node.metric('acked', acked.size);
  });

  // [2]
  const writing = node.every(EVERY_MS, () => {
    if (next > NOTES) {
      writing.cancel();
      return;
    }
    node.send('receiver', 'note', { seq: next, text: `note number ${next}` });
    node.state.sent = next;
    next += 1;
  });

  // [3]
}

/*
[1]
The receiver answers every note with `note_ok` carrying the note's `seq`. The sender counts the notes that
were acknowledged; watch `acked` in the inspector and on the chart.

[2]
Every 200 ms of virtual time the sender sends the next note, fire and forget: `node.send` returns at once and
says nothing about what happens on the wire. On this network 15% of messages are lost, the receiver is
paused once and crashed once (when, and for how long, depends on the seed), and the notes sent while it is
down go nowhere.

[3]
Your exercise: make the sender reliable. Remember which notes are not acknowledged yet and send them again
(every 300 ms is a good pace: a round trip here takes at most 120 ms) until their `note_ok` arrives. Once a
note is acknowledged, stop sending it. `node.every(ms, fn)` runs `fn` regularly; `node.monotonic()` is the
time to measure waits with (a clock that only moves forwards).
*/
