import type { Json, Node } from '@playground/node';

// The book's EchoServer, grown into a bank account: `onRequest` applies a deposit and replies with the
// new balance. Unlike an echo, doing it twice is not harmless: the money is counted twice.
export default function accountServer(node: Node) {
  let balance = node.storage.get<number>('balance') ?? 0; // [1]
  const done = node.storage.get<Record<string, { balance: number }>>('done') ?? {};
  node.state.balance = balance;

  function onRequest(msg: { body: { key?: unknown; amount?: unknown } }): Record<string, Json> {
    const { key, amount } = msg.body;
    if (typeof amount !== 'number') return { applied: false, error: 'amount must be a number' };
    // [2]
    if (typeof key === 'string' && done[key]) return { applied: false, replay: true, ...done[key] };
    balance += amount;
    node.storage.set('balance', balance);
    if (typeof key === 'string') {
      done[key] = { balance };
      node.storage.set('done', done);
    }
    node.state.balance = balance;
    node.metric('balance', balance);
    return { applied: true, balance };
  }

  node.on('deposit', (msg) => {
    node.reply(msg, onRequest(msg)); // [3]
  });
}

// [1] The balance, and the result of every deposit that came with an idempotency key, live in
//     node.storage: they survive a crash.
// [2] An idempotency key the server has seen means "this is a retry of a deposit I already applied": it
//     answers with the stored result (`replay: true`) and does not add the amount again. A deposit without
//     a key is applied every time it arrives, retry or not.
// [3] reply() sends a `deposit_ok` back with inReplyTo = the request's id. `applied` says whether this
//     request changed the balance.
