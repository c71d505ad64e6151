/** Bug: fails over but forgets which replica works: every query asks db-1 first, so while db-1 is down every lookup waits out a 250 ms timeout. */
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
    const first = 0;
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
