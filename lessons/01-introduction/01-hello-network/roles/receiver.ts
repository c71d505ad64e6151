import type { Node } from '@playground/node';

export default function receiver(node: Node) {
  // [1]
  const kept = node.storage.get<number[]>('kept') ?? [];
  node.state.kept = kept.length;
  node.state.duplicates = 0;

  node.on('note', (msg) => {
    const seq: number = msg.body.seq;
    // [2]
    if (kept.includes(seq)) {
      node.state.duplicates = Number(node.state.duplicates) + 1;
    } else {
      kept.push(seq);
      node.storage.set('kept', kept);
    }
    node.state.kept = kept.length;
    node.metric('received', kept.length);
    // [3]
    node.reply(msg, { seq });
  });
}

/*
[1]
Memory does not survive a crash; `node.storage` does. The receiver keeps the numbers of the notes it has
seen on its "disk", so after the crash at 2 s it still knows what it got before.

[2]
The network sometimes delivers a message twice, and a sender that retries will send some notes twice on
purpose. Keeping a note twice would be a bug, so the receiver checks first: handling a note is idempotent.

[3]
`node.reply` answers with `note_ok` and the same `seq`: the acknowledgement. Even for a duplicate it answers,
because the sender may have missed the first acknowledgement.
*/
