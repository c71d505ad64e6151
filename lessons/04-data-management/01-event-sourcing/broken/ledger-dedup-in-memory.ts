/** Bug: remembers recorded command ids in memory only: after a crash, a retried command is recorded twice. */
import type { Node } from '@playground/node';

type Event =
  | { type: 'deposited'; cmd: string; account: string; amount: number }
  | { type: 'withdrew'; cmd: string; account: string; amount: number };

/** The ledger, event-sourced: its balances are rebuilt from the log at every start. */
export default function ledger(node: Node) {
  const balances: Record<string, number> = {};
  const recorded = new Set<string>();
  let seq = 0;
  node.state.balances = balances;
  node.state.events = 0;

  function apply(event: Event) {
    const current = balances[event.account] ?? 0;
    balances[event.account] = event.type === 'deposited' ? current + event.amount : current - event.amount;
  }

  function record(event: Event) {
    seq += 1;
    recorded.add(event.cmd);
    node.storage.set(eventKey(seq), event);
    apply(event);
    node.state.events = seq;
    node.metric('events', seq);
  }

  const log = node.storage
    .keys()
    .filter((key) => key.startsWith('event-'))
    .sort();
  for (const key of log) apply(node.storage.get(key) as Event);
  seq = log.length;
  node.state.events = seq;
  if (seq > 0) node.log(`rebuilt balances from ${seq} events`);

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

function eventKey(seq: number): string {
  return `event-${String(seq).padStart(6, '0')}`;
}
