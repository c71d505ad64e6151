import type { Node } from '@playground/node';

export default function ambassador(node: Node) {
  node.state.reads = {};

  // [1]
  node.on('query', async (msg) => {
    const key: string = msg.body.key;
    try {
      // [2]
      const answer = await node.rpc('db-1', 'read', { key }, { timeout: 250 });
      node.reply(msg, { key, value: answer.body.value, replica: answer.body.replica });
    } catch {
      // [3]
      node.reply(msg, { key, error: 'db-1 did not answer' }, 'query_error');
    }
  });
}

/*
[1]
An ambassador stands beside the app and talks to the outside world for it. The app asks its neighbour for
`query` and gets a value back; where that value comes from is the ambassador's business. The book's
examples: sharding (send each key to its shard), service brokering (find the service in this environment),
request splitting (send 10% of traffic to a new version).

[2]
This one knows a single database, `db-1`, and asks it with a 250 ms timeout.

[3]
No answer: the app gets an error, and so does the client.

Your exercise: make the ambassador fail over. There are two replicas, `node.peers('db')` lists them
(`db-1`, `db-2`). When one does not answer, ask the other before giving up, and answer the app with
whatever value a replica returned (never make one up). Better still, remember which replica answered last
and ask it first, so a dead replica does not cost every request a timeout.
*/
