/**
 * The node Workers of one engine: one module Worker per node, created on first use, reached through a fresh
 * MessagePort per opening (the kernel side closes the old one). Used from the page (browser-engine.ts, ports
 * passed on to the kernel Worker) and from inside the Check Worker (its own WorkerHost), so learner code
 * always runs in a Worker of its own node, never beside a kernel or a checker. Where the Workers start (the
 * sandboxed node frame, in the built site) is the spawner's business (node-spawner.ts).
 */
import type { NodeProvider, PortHandoff, ResetAnswer, ResetRequest } from './node-wire';
import type { NodeSpawner, NodeWorkerHandle } from './node-spawner';

export interface NodeWorkers {
  /** A port to the node's Worker (created if needed). */
  open(nodeId: string): MessagePort;
  terminate(nodeId: string): void;
  terminateAll(): void;
  count(): number;
}

/** A fresh port to the Worker: one end goes to it, the other is the caller's. */
function handOffPort(worker: NodeWorkerHandle): MessagePort {
  const channel = new MessageChannel();
  worker.post({ kind: 'port', port: channel.port1 } satisfies PortHandoff, [channel.port1]);
  return channel.port2;
}

type LostListener = (nodeId: string, reason: string) => void;

/** Which node of `nodes` a lost Worker was (forgotten now), if any. */
function forgetLost(nodes: Map<string, NodeWorkerHandle>, worker: NodeWorkerHandle): string | undefined {
  for (const [id, w] of nodes) {
    if (w !== worker) continue;
    nodes.delete(id);
    return id;
  }
  return undefined;
}

export function createNodeWorkers(
  spawner: NodeSpawner,
): NodeWorkers & Pick<NodeSpawner, 'onFrame'> & { onLost(listener: LostListener): void } {
  const nodes = new Map<string, NodeWorkerHandle>();
  const listeners: LostListener[] = [];
  spawner.onLost((worker, reason) => {
    const id = forgetLost(nodes, worker);
    if (id !== undefined) for (const listener of listeners) listener(id, reason);
  });
  const terminate = (nodeId: string) => {
    nodes.get(nodeId)?.terminate();
    nodes.delete(nodeId);
  };
  return {
    open(nodeId) {
      let worker = nodes.get(nodeId);
      if (!worker) {
        worker = spawner.spawn(nodeId);
        nodes.set(nodeId, worker);
      }
      return handOffPort(worker);
    },
    onLost: (listener) => void listeners.push(listener),
    onFrame: (listener) => spawner.onFrame(listener),
    terminate,
    terminateAll() {
      for (const id of [...nodes.keys()]) terminate(id);
    },
    count: () => nodes.size,
  };
}

/**
 * Node Workers kept across runs (Check: one run per seed). A run's `provider()` takes idle Workers as its
 * nodes open; when the run releases a node, its Worker forgets the run and checks its realm against the
 * fingerprint it took before any role code ran (realm-print.ts): an untouched one goes back to the pool, a
 * changed one (role code replaced a built-in, or wrote a global) is terminated. So a seed never sees what an
 * earlier seed's code did to its realm, and a Worker's start-up is paid once per node, not once per seed.
 */
export interface NodeWorkerPool {
  /** The NodeProvider of one run. */
  provider(): NodeProvider;
  /** Workers started so far (for the benchmark and tests). */
  created(): number;
  terminateAll(): void;
}

export function createNodeWorkerPool(spawner: NodeSpawner): NodeWorkerPool {
  const idle: NodeWorkerHandle[] = [];
  const all = new Set<NodeWorkerHandle>();
  /** The lost-Worker listener of the run in progress (one run at a time per pool). */
  let runLost: ((worker: NodeWorkerHandle, reason: string) => void) | undefined;
  /** The frame-silence listener of the run in progress. */
  let runFrame: ((answering: boolean) => void) | undefined;
  let created = 0;
  const kill = (worker: NodeWorkerHandle) => {
    worker.terminate();
    all.delete(worker);
  };
  /** Releases waiting for a reset answer: a Worker lost meanwhile never gives one. */
  const releasing = new Map<NodeWorkerHandle, () => void>();
  spawner.onLost((worker, reason) => {
    all.delete(worker);
    releasing.get(worker)?.();
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
    runLost?.(worker, reason);
  });
  spawner.onFrame((answering) => runFrame?.(answering));
  const release = (worker: NodeWorkerHandle) =>
    new Promise<void>((done) => {
      // A number role code cannot guess: an answer it posted ahead of time cannot pass for this one.
      const [high, low] = crypto.getRandomValues(new Uint32Array(2));
      const n = (high! & 0x1fffff) * 2 ** 32 + low!;
      worker.onmessage = (message) => {
        const data = message as ResetAnswer;
        if (data?.kind !== 'reset' || data.n !== n) return;
        worker.onmessage = null;
        releasing.delete(worker);
        if (data.clean === true) idle.push(worker);
        else kill(worker);
        done();
      };
      releasing.set(worker, () => {
        releasing.delete(worker);
        done();
      });
      worker.post({ kind: 'reset', n } satisfies ResetRequest);
    });
  return {
    provider() {
      const nodes = new Map<string, NodeWorkerHandle>();
      const listeners: LostListener[] = [];
      runLost = (worker, reason) => {
        const id = forgetLost(nodes, worker);
        if (id !== undefined) for (const listener of listeners) listener(id, reason);
      };
      const frame: ((answering: boolean) => void)[] = [];
      runFrame = (answering) => frame.forEach((listener) => listener(answering));
      return {
        watchLost: (listener) => void listeners.push(listener),
        watchFrame: (listener) => void frame.push(listener),
        openNode: async (nodeId) => {
          let worker = nodes.get(nodeId);
          if (!worker) {
            worker = idle.pop();
            if (!worker) {
              worker = spawner.spawn(nodeId);
              all.add(worker);
              created++;
            }
            nodes.set(nodeId, worker);
          }
          return handOffPort(worker);
        },
        terminateNode: async (nodeId) => {
          const worker = nodes.get(nodeId);
          nodes.delete(nodeId);
          if (worker) kill(worker);
        },
        releaseNode: async (nodeId) => {
          const worker = nodes.get(nodeId);
          nodes.delete(nodeId);
          if (worker) await release(worker);
        },
      };
    },
    created: () => created,
    terminateAll() {
      for (const worker of [...all]) kill(worker);
      idle.length = 0;
    },
  };
}
