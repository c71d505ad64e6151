import type { Node } from '@playground/node';

type Task = { id: string; account: string; amount: number | string };

const WORK_MS = 120;

// The book's TaskConsumer: consume_tasks() receives a task from the queue and processes it, forever.
export default function taskConsumer(node: Node) {
  // [1]
  async function receive(queue: string): Promise<Task | null> {
    try {
      const reply = await node.rpc(queue, 'receive', {}, { timeout: 300 });
      return (reply.body.task as Task | null) ?? null;
    } catch {
      return null;
    }
  }

  // [2]
  async function process(task: Task) {
    node.log(`Processing task: ${task.id}`);
    await node.sleep(WORK_MS);
    await node.rpc('ledger', 'apply', { task }, { timeout: 300 }).catch(() => undefined);
  }

  async function consumeTasks() {
    for (;;) {
      const task = await receive('queue');
      if (task) await process(task);
      else await node.sleep(100);
    }
  }

  void consumeTasks();
}

/*
[1]
`receive(queue)` asks the queue for a task (`receive`) and gets one, or `null` when the queue is empty.

[2]
Processing a task takes 120 ms of work, then the task takes effect: an `apply` to the ledger, which adds the
amount to the account. The ledger's answer says `applied: true`, or why not (`duplicate`, `error`).

What this leaves out: a consumer can crash in the middle (the task is lost unless the queue still has it), be
paused or slow for longer than the queue waits (then the queue hands the task to someone else too, and it is
applied twice), and a poison task fails every time.

Your exercise, here: acknowledge a task (`ack` to the queue) only once it has taken effect; make applying it
twice harmless (the ledger takes an idempotency `key`: what stays the same when the same task comes again?);
and when the ledger refuses a task, do not acknowledge it: let the queue try again, and dead-letter it.
*/
