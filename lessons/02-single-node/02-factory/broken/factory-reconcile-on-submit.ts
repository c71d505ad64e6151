/** Bug: happy path only: looks for dead workers only when a job arrives, so a worker that dies after the last submit is never replaced. */
import type { Node } from '@playground/node';

const JOBS_PER_WORKER = 3;
const MAX_WORKERS = 4;
const DEAD_AFTER_MS = 1500;

interface Worker {
  ready: boolean;
  job: number | null;
  /** Since when this worker owes us an answer (`ready` or `work_ok`), or null when it owes nothing. */
  owesSince: number | null;
}

export default function factory(node: Node) {
  const queue: number[] = [];
  const workers = new Map<string, Worker>();
  const done = new Set<number>();
  /** Every job ever submitted: a submit the network delivered twice is queued once. */
  const seen = new Set<number>();

  function show() {
    node.state.queued = queue.length;
    node.state.workers = [...workers.keys()];
    node.state.done = done.size;
    node.metric('queued', queue.length);
    node.metric('workers', workers.size);
  }

  // [1]
  function make() {
    const id = node.spawn('worker');
    workers.set(id, { ready: false, job: null, owesSince: node.monotonic() });
  }

  function dispatch() {
    for (const [workerId, w] of workers) {
      const job = queue[0];
      if (job === undefined) break;
      if (!w.ready || w.job !== null) continue;
      queue.shift();
      w.job = job;
      w.owesSince = node.monotonic();
      node.send(workerId, 'work', { job });
    }
    show();
  }

  // [2]
  function reconcile() {
    for (const [workerId, w] of workers) {
      if (w.owesSince === null || node.monotonic() - w.owesSince <= DEAD_AFTER_MS) continue;
      node.log(`${workerId} did not answer for ${DEAD_AFTER_MS} ms: stopping it`);
      node.stop(workerId);
      workers.delete(workerId);
      if (w.job !== null && !done.has(w.job)) queue.unshift(w.job);
    }
    // [3]
    const busy = [...workers.values()].filter((w) => w.job !== null).length;
    const wanted = Math.min(MAX_WORKERS, Math.ceil((queue.length + busy) / JOBS_PER_WORKER));
    while (workers.size < wanted) make();
    // [4]
    if (queue.length === 0) {
      for (const [workerId, w] of workers) {
        if (workers.size <= wanted) break;
        if (w.ready && w.job === null) {
          node.stop(workerId);
          workers.delete(workerId);
        }
      }
    }
    dispatch();
  }

  node.on('submit', (msg) => {
    const job: number = msg.body.job;
    if (!seen.has(job)) {
      seen.add(job);
      queue.push(job);
    }
    reconcile();
  });

  node.on('ready', (msg) => {
    const w = workers.get(msg.from);
    // A `ready` the network delivered twice must not clear what the worker owes since.
    if (!w || w.ready) return;
    w.ready = true;
    w.owesSince = null;
    dispatch();
  });

  // [5]
  node.on('work_ok', (msg) => {
    const job: number = msg.body.job;
    const w = workers.get(msg.from);
    if (w && w.job === job) {
      w.job = null;
      w.owesSince = null;
    }
    if (!done.has(job)) {
      done.add(job);
      node.send('client', 'done', { job });
    }
    dispatch();
  });

  show();
}
