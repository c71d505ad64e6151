import type { Node } from '@playground/node';

// [1]
type Event =
  | { type: 'deposited'; cmd: string; account: string; amount: number }
  | { type: 'withdrew'; cmd: string; account: string; amount: number };

/** The ledger, event-sourced: its balances are rebuilt from the log at every start. */
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
  const log = node.storage
    .keys()
    .filter((key) => key.startsWith('event-'))
    .sort();
  for (const key of log) apply(node.storage.get(key) as Event);
  seq = log.length;
  node.state.events = seq;
  if (seq > 0) node.log(`rebuilt balances from ${seq} events`);

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
The events, as in the starter. The checkers read the log, so these shapes stay.

[2]
`apply` is still the only code that changes the balances.

[3]
Append to the log, then apply. The log is the source of truth; `balances` is a cache of its fold.

[4]
Replay: on every start (the first one finds an empty log), fold the whole log into the state, in sequence
order, and continue numbering after the last event. Without the second part, the next event would be written
as `event-000001` again, overwriting history. On a long-lived system the replay gets slow; the usual fix is a
snapshot (the state as of event N, stored too) plus the events after it.

[5]
Command handlers, unchanged: they only ever see a state that equals the fold of the log.

[6]
Zero-padded keys sort by sequence number.
*/
