import type { Node } from '@playground/node';

// [1]
type Event =
  | { type: 'deposited'; cmd: string; account: string; amount: number }
  | { type: 'withdrew'; cmd: string; account: string; amount: number };

/** The ledger, event-sourced: its balances are rebuilt from the log at every start. */
export default function ledger(node: Node) {
  const balances: Record<string, number> = {};
  const recorded = new Set<string>(); // [4]
  let seq = 0;
  node.state.balances = balances;
  node.state.events = 0;

  // [2]
  function apply(event: Event) {
    recorded.add(event.cmd);
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

  // [5]
  const log = node.storage
    .keys()
    .filter((key) => key.startsWith('event-'))
    .sort();
  for (const key of log) apply(node.storage.get(key) as Event);
  seq = log.length;
  node.state.events = seq;
  if (seq > 0) node.log(`rebuilt balances from ${seq} events`);

  // [6]
  node.on('deposit', (msg) => {
    const { cmd, account, amount } = msg.body;
    if (recorded.has(cmd)) {
      node.reply(msg, { accepted: true, balance: balances[account] ?? 0 });
      return;
    }
    record({ type: 'deposited', cmd, account, amount });
    node.reply(msg, { accepted: true, balance: balances[account] ?? 0 });
  });

  node.on('withdraw', (msg) => {
    const { cmd, account, amount } = msg.body;
    if (recorded.has(cmd)) {
      node.reply(msg, { accepted: true, balance: balances[account] ?? 0 });
      return;
    }
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

// [7]
function eventKey(seq: number): string {
  return `event-${String(seq).padStart(6, '0')}`;
}

/*
[1]
The events, as in the starter. The checkers read the log, so these shapes stay.

[2]
`apply` is still the only code that changes the balances, and it notes each event's command id.

[3]
Append to the log, then apply. The log is the source of truth; `balances` is a cache of its fold.

[4]
The ids of the commands already in the log. A retried command (its answer was lost, or it sat in the queue
of a paused ledger) must not be applied twice. Like the balances, this set is a fold of the log, rebuilt at
every start: kept in memory only, it would forget, after a crash, every command recorded before it.

[5]
Replay: on every start (the first one finds an empty log), fold the whole log into the state, in sequence
order, and continue numbering after the last event. Without the second part, the next event would be written
as `event-000001` again, overwriting history. On a long-lived system the replay gets slow; the usual fix is a
snapshot (the state as of event N, stored too) plus the events after it.

[6]
Command handlers: they only ever see a state that equals the fold of the log. A command already recorded is
answered again (accepted, with the balance now) and records nothing.

[7]
Zero-padded keys sort by sequence number.
*/
