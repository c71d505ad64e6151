/** Bug: applies without an idempotency key: a task delivered twice (slow consumer, lost ack) is applied twice. */
import type { Node } from '@playground/node';

type Task = { id: string; account: string; amount: number | string };

const WORK_MS = 120;

// The TaskConsumer that acknowledges only what took effect, and makes a second apply harmless.
export default function taskConsumer(node: Node) {
  async function receive(queue: string): Promise<Task | null> {
    try {
      const reply = await node.rpc(queue, 'receive', {}, { timeout: 300 });
      return (reply.body.task as Task | null) ?? null;
    } catch {
      return null;
    }
  }

  /** Applies the task; true when it has taken effect (now or before), false when the ledger refuses it. */
  async function process(task: Task): Promise<boolean> {
    node.log(`Processing task: ${task.id}`);
    await node.sleep(WORK_MS);
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
        // [1]
        const reply = await node.rpc('ledger', 'apply', { task }, { timeout: 400 });
        return reply.body.applied === true || reply.body.duplicate === true;
      } catch {
        // No answer: apply again with the same key; the ledger applies it once.
      }
    }
    return false;
  }

  /** Tell the queue, a few times if the answer does not come (an ack lost three times would look like a crash). */
  async function tell(verdict: 'ack' | 'nack', id: string) {
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await node.rpc('queue', verdict, { id }, { timeout: 300 });
        return;
      } catch {
        // Try again; after three tries the queue's visibility timeout takes over.
      }
    }
  }

  async function consumeTasks() {
    for (;;) {
      const task = await receive('queue');
      if (!task) {
        await node.sleep(100);
        continue;
      }
      // [2]
      await tell((await process(task)) ? 'ack' : 'nack', task.id);
    }
  }

  void consumeTasks();
}
