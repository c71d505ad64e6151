import type { Node } from '@playground/node';

// [1]
type Event =
  | { type: 'deposited'; cmd: string; account: string; amount: number }
  | { type: 'withdrew'; cmd: string; account: string; amount: number };

/** The ledger: account balances, and an append-only log of everything that happened to them. */
export default function ledger(node: Node) {
  const balances: Record<string, number> = {};
  let seq = 0;
  node.state.balances = balances;
  node.state.events = 0;

  // [2]
  function apply(event: Event) {
    const current = balances[event.account] ?? 0;
    balances[event.account] = event.type === 'deposited' ? current + event.amount : current - event.amount;
  }

  // [3]
  function record(event: Event) {
    seq += 1;
    node.storage.set(eventKey(seq), event);
    apply(event);
    node.state.events = seq;
    node.metric('events', seq);
  }

  // [4]

  // [5]
  node.on('deposit', (msg) => {
    const { cmd, account, amount } = msg.body;
    record({ type: 'deposited', cmd, account, amount });
    node.reply(msg, { accepted: true, balance: balances[account] ?? 0 });
  });

  node.on('withdraw', (msg) => {
    const { cmd, account, amount } = msg.body;
    const balance = balances[account] ?? 0;
    if (balance < amount) {
      node.reply(msg, { accepted: false, reason: 'insufficient funds', balance });
      return;
    }
    record({ type: 'withdrew', cmd, account, amount });
    node.reply(msg, { accepted: true, balance: balances[account] ?? 0 });
  });

  node.on('balance', (msg) => {
    node.reply(msg, { balance: balances[msg.body.account] ?? 0 });
  });
}

// [6]
function eventKey(seq: number): string {
  return `event-${String(seq).padStart(6, '0')}`;
}

/*
[1]
The events: facts about the past, named in the past tense. A command ("withdraw 30") may be refused; an
event ("withdrew 30") already happened and is never changed or removed. The checkers read your log, so keep
these two shapes.

[2]
`apply` is the only code that changes the balances: the state is a fold of the events,
`state = events.reduce(apply, {})`.

[3]
Recording an event: append it to the log in `node.storage` (which survives a crash) under the next sequence
number, then apply it to the in-memory state. Only then is the command acknowledged.

[4]
The exercise goes here. This node's code runs from the top again after every restart, with empty memory:
`balances` is `{}` and `seq` is 0, while the log in `node.storage` still holds every event. Rebuild the state
from the log before handling anything. The state includes which commands are already recorded: the client
sends a command again when its answer is late or lost, and a command must be recorded only once.

[5]
Command handlers: validate against the current state, record an event, answer. A withdrawal that would
overdraw the account is refused and records nothing.

[6]
Log keys are zero-padded (`event-000001`) so that sorting them as strings sorts them by sequence number.
*/
