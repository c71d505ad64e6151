/**
 * The node Workers of one engine: one module Worker per node, created on first use, reached through a fresh
 * MessagePort per opening (the kernel side closes the old one). Used from the page (browser-engine.ts, ports
 * passed on to the kernel Worker) and from inside the Check Worker (its own WorkerHost), so learner code
 * always runs in a Worker of its own node, never beside a kernel or a checker.
 */
import type { NodeProvider, PortHandoff, ResetAnswer, ResetRequest } from './node-wire';

export interface NodeWorkers {
  /** A port to the node's Worker (created if needed). */
  open(nodeId: string): MessagePort;
  terminate(nodeId: string): void;
  terminateAll(): void;
  count(): number;
}

function newNodeWorker(label: string): Worker {
  const worker = new Worker(new URL('./node-worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('error', (event) => console.error(`node Worker ${label}:`, event.message));
  return worker;
}

/** A fresh port to the Worker: one end goes to it, the other is the caller's. */
function handOffPort(worker: Worker): MessagePort {
  const channel = new MessageChannel();
  worker.postMessage({ kind: 'port', port: channel.port1 } satisfies PortHandoff, [channel.port1]);
  return channel.port2;
}

export function createNodeWorkers(): NodeWorkers {
  const nodes = new Map<string, Worker>();
  const terminate = (nodeId: string) => {
    nodes.get(nodeId)?.terminate();
    nodes.delete(nodeId);
  };
  return {
    open(nodeId) {
      let worker = nodes.get(nodeId);
      if (!worker) {
        worker = newNodeWorker(nodeId);
        nodes.set(nodeId, worker);
      }
      return handOffPort(worker);
    },
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

export function createNodeWorkerPool(): NodeWorkerPool {
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  let created = 0;
  const kill = (worker: Worker) => {
    worker.terminate();
    all.delete(worker);
  };
  const release = (worker: Worker) =>
    new Promise<void>((done) => {
      const answer = (event: MessageEvent<ResetAnswer | unknown>) => {
        const data = event.data as ResetAnswer;
        if (data?.kind !== 'reset') return;
        worker.removeEventListener('message', answer);
        if (data.clean) idle.push(worker);
        else kill(worker);
        done();
      };
      worker.addEventListener('message', answer);
      worker.postMessage({ kind: 'reset' } satisfies ResetRequest);
    });
  return {
    provider() {
      const nodes = new Map<string, Worker>();
      return {
        openNode: async (nodeId) => {
          let worker = nodes.get(nodeId);
          if (!worker) {
            worker = idle.pop();
            if (!worker) {
              worker = newNodeWorker(nodeId);
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
