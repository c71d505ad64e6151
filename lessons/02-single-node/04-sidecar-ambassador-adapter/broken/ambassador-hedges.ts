/** Bug: retries too eagerly: asks every replica at once for every query and takes the first answer, doubling the load on the databases. */
import type { Node } from '@playground/node';

const READ_TIMEOUT_MS = 250;

export default function ambassador(node: Node) {
  // [1]
  const replicas = node.peers('db');
  const reads: Record<string, number> = {};
  node.state.reads = reads;

  node.on('query', async (msg) => {
    const key: string = msg.body.key;
    // Ask them all at once; the first answer wins.
    const asks = replicas.map((replica) => {
      reads[replica] = (reads[replica] ?? 0) + 1;
      return node.rpc(replica, 'read', { key }, { timeout: READ_TIMEOUT_MS });
    });
    node.state.reads = { ...reads };
    try {
      const answer = await Promise.any(asks);
      node.reply(msg, { key, value: answer.body.value, replica: answer.body.replica });
    } catch {
      node.reply(msg, { key, error: `no replica answered (${replicas.join(', ')})` }, 'query_error');
    }
  });
}
