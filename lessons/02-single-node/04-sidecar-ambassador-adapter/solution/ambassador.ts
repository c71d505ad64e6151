import type { Node } from '@playground/node';

const READ_TIMEOUT_MS = 250;

export default function ambassador(node: Node) {
  // [1]
  const replicas = node.peers('db');
  let preferred = 0;
  const reads: Record<string, number> = {};
  node.state.preferred = replicas[preferred] ?? null;
  node.state.reads = reads;

  node.on('query', async (msg) => {
    const key: string = msg.body.key;
    // [2]
    const first = preferred;
    for (let i = 0; i < replicas.length; i++) {
      const index = (first + i) % replicas.length;
      const replica = replicas[index]!;
      try {
        reads[replica] = (reads[replica] ?? 0) + 1;
        node.state.reads = { ...reads };
        const answer = await node.rpc(replica, 'read', { key }, { timeout: READ_TIMEOUT_MS });
        // [3]
        if (index !== first) node.log(`${replicas[first]} did not answer: using ${replica}`);
        preferred = index;
        node.state.preferred = replica;
        node.reply(msg, { key, value: answer.body.value, replica: answer.body.replica });
        return;
      } catch {
        // Try the next replica.
      }
    }
    node.reply(msg, { key, error: `no replica answered (${replicas.join(', ')})` }, 'query_error');
  });
}

/*
[1]
The replicas come from the topology, not from the app: the app never learns there are two.

[2]
Start with the replica that answered last, then try the others in turn. Several queries are in flight at
once and another one may change `preferred` while this one waits, so this query keeps its own starting
point (`first`); otherwise it could ask the same dead replica twice.

[3]
Stick with a replica that works: while db-1 is down, requests go straight to db-2 instead of waiting 250 ms
for db-1 first every time.
*/
