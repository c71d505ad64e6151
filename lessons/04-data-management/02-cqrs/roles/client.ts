import type { Node } from '@playground/node';

const VOTERS = 20;
const OPTIONS = ['cats', 'dogs', 'birds'];

/** The client: a vote every 80 ms until 8500 ms, and a results query every 150 ms until 9900 ms. */
export default function client(node: Node) {
  let latestSeq = 0; // [1]
  node.state.latestSeq = 0;

  const voting = node.every(80, async () => {
    if (node.now() > 8500) {
      voting.cancel();
      return;
    }
    const voter = `voter-${1 + Math.floor(node.random() * VOTERS)}`;
    const option = OPTIONS[Math.floor(node.random() * OPTIONS.length)] as string;
    try {
      const reply = await node.rpc('writer', 'vote', { voter, option }, { timeout: 500 });
      latestSeq = Math.max(latestSeq, reply.body.seq);
      node.state.latestSeq = latestSeq;
    } catch {
      node.warn(`vote of ${voter} got no answer`);
    }
  });

  // [2]
  const querying = node.every(150, async () => {
    if (node.now() > 9900) {
      querying.cancel();
      return;
    }
    try {
      const reply = await node.rpc('reader', 'results', {}, { timeout: 500 });
      node.state.results = reply.body.tally;
      node.state.asOf = reply.body.asOf;
      node.metric('read_lag', Math.max(0, latestSeq - reply.body.asOf));
    } catch {
      node.warn('results query got no answer');
    }
  });
}

/*
[1]
Every accepted vote comes back with the sequence number of the writer's latest event. The client remembers
the highest it has seen...

[2]
...and compares it with the `asOf` of each answer from the read side: `read_lag` is how many events behind
the read model is. It is never zero for long on a busy system, and that is fine, as long as it stays small
and comes back to zero.
*/
