/**
 * The cheapest real macrotask yield the platform has, which the node runtime ends every batch with (and
 * waits on while tracked async work is pending): a task boundary runs every queued microtask first.
 *
 * Measured (2026-12-04, Chromium 156 in a Worker; Node 20): `scheduler.postTask` ~4.6 us, a MessageChannel
 * post to ourselves 6-10 us, Node's `setImmediate` ~1-2 us; setTimeout(0) is clamped to >= 1-4 ms once
 * nested. Health-checks yields ~10,000 times a seed, so in a browser Worker that was ~80 ms of a seed.
 *
 * Callers in the same turn share one task: each is resumed after a task boundary that came after its call
 * (so every microtask queued before it has run), which is all a yield promises. A window's nodes end their
 * batches in the same turn (one in-process host): one task per window instead of one per node. Each node's
 * output depends only on its own batches (node-runtime.ts), so resuming them in one task changes no trace.
 */

type PostTask = (task: () => void) => void;

/** Taken at load: learner code shares a node Worker's realm and may replace the global `Promise`. */
const NativePromise = Promise;

interface TaskScheduler {
  postTask(task: () => void): Promise<void>;
}

/**
 * Bound when called: a node Worker removes the global `scheduler` before learner code runs (lock-global.ts),
 * so call this at module load.
 */
export function macrotaskYield(): () => Promise<void> {
  const post = platformTask();
  let pending: Promise<void> | undefined;
  return () =>
    (pending ??= new NativePromise<void>((resolve) =>
      post(() => {
        pending = undefined;
        resolve();
      }),
    ));
}

function platformTask(): PostTask {
  if (typeof setImmediate === 'function') return (task) => setImmediate(task);
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    const postTask = scheduler.postTask.bind(scheduler);
    return (task) => void postTask(task);
  }
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return (task) => {
      waiting.push(task);
      channel.port2.postMessage(null);
    };
  }
  return (task) => setTimeout(task, 0);
}
