/**
 * The node Workers of one engine: one module Worker per node, created on first use, reached through a fresh
 * MessagePort per opening (the kernel side closes the old one). Used from the page (browser-engine.ts, ports
 * passed on to the kernel Worker) and from inside the Check Worker (its own WorkerHost), so learner code
 * always runs in a Worker of its own node, never beside a kernel or a checker.
 */
import type { PortHandoff } from './node-wire';

export interface NodeWorkers {
  /** A port to the node's Worker (created if needed). */
  open(nodeId: string): MessagePort;
  terminate(nodeId: string): void;
  terminateAll(): void;
  count(): number;
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
        worker = new Worker(new URL('./node-worker.ts', import.meta.url), { type: 'module' });
        worker.addEventListener('error', (event) => console.error(`node Worker ${nodeId}:`, event.message));
        nodes.set(nodeId, worker);
      }
      const channel = new MessageChannel();
      worker.postMessage({ kind: 'port', port: channel.port1 } satisfies PortHandoff, [channel.port1]);
      return channel.port2;
    },
    terminate,
    terminateAll() {
      for (const id of [...nodes.keys()]) terminate(id);
    },
    count: () => nodes.size,
  };
}
