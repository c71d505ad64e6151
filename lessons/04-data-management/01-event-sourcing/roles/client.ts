import type { Node } from '@playground/node';

const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];

/** The client: a random command every 60 ms until 8500 ms; a command unanswered in 500 ms is sent again. */
export default function client(node: Node) {
  // [1]
  const accounts = [...NAMES]
    .map((name) => ({ name, order: node.random() }))
    .sort((a, b) => a.order - b.order)
    .slice(0, 3)
    .map((a) => a.name);
  node.state.accounts = accounts;
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
    const cmd = `c${commands}-${Math.floor(node.random() * 10_000)}`; // [2]
    const account = accounts[Math.floor(node.random() * accounts.length)] as string;
    const amount = 10 * (1 + Math.floor(node.random() * 5));
    const roll = node.random();
    const [type, body] =
      roll < 0.5
        ? ['deposit', { cmd, account, amount }]
        : roll < 0.75
          ? ['withdraw', { cmd, account, amount }]
          : ['balance', { account }];
    // [3]
    for (let attempt = 1; attempt <= 6; attempt++) {
      try {
        const reply = await node.rpc('ledger', type, body, { timeout: 500 });
        acknowledged += 1;
        node.state.acknowledged = acknowledged;
        node.state[`balance_${account}`] = reply.body.balance;
        if (account === accounts[0]) node.metric('balance_first', reply.body.balance);
        return;
      } catch {
        if (attempt < 6) node.warn(`${type} ${cmd} got no answer in 500 ms; sending it again`);
      }
    }
    failed += 1;
    node.state.failed = failed;
  });
}

/*
[1]
Three account names drawn from the seed: another seed, other accounts.

[2]
Every command carries a unique id (`c17-4821`). The ledger stores it in the event it records, so anyone
reading the log can tell which command produced which event, and the ledger can tell a command it has
already recorded from a new one.

[3]
A command unanswered within 500 ms is sent again, with the same id, up to six times in all (3 s). The first try
may have been lost, or the ledger may be down (crashed, or paused: alive but silent); or the command arrived,
was recorded, and only the answer was lost. The client cannot tell which, so a retry may be a duplicate: the
ledger must not apply it twice. A command that *was* acknowledged is a promise: the money is in the account,
crash or no crash.
*/
