import type { Node } from '@playground/node';

// Where tasks take effect: each `apply` adds the task's amount to its account. [1]
export default function ledger(node: Node) {
  const balances: Record<string, number> = {};
  const keys = new Set<string>();
  node.state = { applied: 0, balances: {} };

  node.on('apply', (msg) => {
    const { task, key } = msg.body as {
      task?: { id?: unknown; account?: unknown; amount?: unknown };
      key?: unknown;
    };
    const id = String(task?.id);
    // [2]
    if (typeof task?.amount !== 'number' || typeof task.account !== 'string') {
      node.warn(`cannot apply ${id}: amount ${JSON.stringify(task?.amount)} is not a number`);
      node.reply(msg, { task: id, applied: false, error: 'amount is not a number' });
      return;
    }
    // [3]
    if (typeof key === 'string' && keys.has(key)) {
      node.reply(msg, { task: id, applied: false, duplicate: true });
      return;
    }
    if (typeof key === 'string') keys.add(key);
    balances[task.account] = (balances[task.account] ?? 0) + task.amount;
    node.state.applied = Number(node.state.applied) + 1;
    node.state.balances = { ...balances };
    node.reply(msg, { task: id, applied: true });
  });
}

/*
[1]
The ledger applies whatever it is told: applying a task twice adds its amount twice. A task has taken
effect when the ledger answered `applied: true` to it; the checker counts exactly those.

[2]
The poison task: its amount is not a number, so it never applies, however often it is tried.

[3]
An idempotency key, as payment APIs have: an `apply` with a `key` the ledger has seen before does nothing and
answers `duplicate: true`. Without a key every `apply` takes effect.
*/
