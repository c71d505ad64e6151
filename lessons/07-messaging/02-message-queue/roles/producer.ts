import type { Node } from '@playground/node';

const TASKS = 200;

// The book's TaskProducer: produce_task(task) sends one task to the queue. [1]
export default function taskProducer(node: Node) {
  node.state = { produced: 0 };

  async function send(queue: string, task: { id: string; account: string; amount: number | string }) {
    for (;;) {
      try {
        await node.rpc(queue, 'enqueue', { task }, { timeout: 300 });
        return;
      } catch {
        // No enqueue_ok in 300 ms: send the same task again.
      }
    }
  }

  async function produceTask(task: { id: string; account: string; amount: number | string }) {
    await send('queue', task);
    node.state.produced = Number(node.state.produced) + 1;
  }

  // [2]
  const poison = 20 + Math.floor(node.random() * 160);
  const tasks = Array.from({ length: TASKS }, (_, i) => ({
    id: `task-${String(i + 1).padStart(3, '0')}`,
    account: `acct-${'abcdefgh'[Math.floor(node.random() * 8)]}`,
    amount: i === poison ? '12,50 EUR' : 1 + Math.floor(node.random() * 99),
  }));

  void (async () => {
    await node.sleep(300);
    let i = 0;
    while (i < TASKS) {
      const burst = 10 + Math.floor(node.random() * 30);
      for (const task of tasks.slice(i, i + burst)) {
        await produceTask(task);
        await node.sleep(5 + Math.floor(node.random() * 20));
      }
      i += burst;
      await node.sleep(300 + Math.floor(node.random() * 1200));
    }
    node.log(`produced all ${TASKS} tasks`);
  })();
}

/*
[1]
`send(queue, task)` is an `enqueue` message with the task; the producer waits for the queue's `enqueue_ok` and
sends the same task again if none comes in 300 ms. So the queue may get a task twice.

[2]
The workload, drawn per seed: 200 tasks, each adding an amount to an account, sent in bursts of 10 to 40
with a pause between bursts. One task (drawn per seed) is poison: its amount is the text "12,50 EUR", which the
ledger cannot apply. You cannot change this role.
*/
