import type { Node } from '@playground/node';

const ACCOUNTS = ['alice', 'bob', 'carol'];

/** The client: a random command every 60 ms until 8500 ms, each waited on for at most 500 ms. */
export default function client(node: Node) {
  let commands = 0;
  let acknowledged = 0;
  let failed = 0;
  node.state.acknowledged = 0;
  node.state.failed = 0;

  const ticker = node.every(60, async () => {
    if (node.now() > 8500) {
      ticker.cancel();
      return;
    }
    commands += 1;
    const cmd = `c${commands}`; // [1]
    const account = ACCOUNTS[Math.floor(node.random() * ACCOUNTS.length)] as string;
    const amount = 10 * (1 + Math.floor(node.random() * 5));
    const roll = node.random();
    const [type, body] =
      roll < 0.5
        ? ['deposit', { cmd, account, amount }]
        : roll < 0.75
          ? ['withdraw', { cmd, account, amount }]
          : ['balance', { account }];
    try {
      const reply = await node.rpc('ledger', type, body, { timeout: 500 }); // [2]
      acknowledged += 1;
      node.state.acknowledged = acknowledged;
      node.state[`balance_${account}`] = reply.body.balance;
      if (account === 'alice') node.metric('balance_alice', reply.body.balance);
    } catch {
      failed += 1;
      node.state.failed = failed;
    }
  });
}

/*
[1]
Every command carries a unique id (`c1`, `c2`, …). The ledger stores it in the event it records, so anyone
reading the log can tell which command produced which event.

[2]
Commands sent while the ledger is down time out after 500 ms and are never retried: those were never
acknowledged, so nobody was promised anything. A command that *was* acknowledged is a promise: the money is
in the account, crash or no crash.
*/
