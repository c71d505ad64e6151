/**
 * The raw baseline's router (its own Worker, like the kernel): relays batches of small messages between N echo
 * Workers over MessagePorts, one post per Worker per tick and one back, with a barrier per tick like a
 * simulation window. No simulation: no clock, queue, network model or trace.
 */
import { nodeName, type BaselineMessage } from './bench-wire';

interface Start {
  ports: MessagePort[];
  inFlight: number;
  wallMs: number;
  warmupTicks: number;
}

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent<Start>) => void) | null;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = async (event) => {
  const { ports, inFlight, wallMs, warmupTicks } = event.data;
  const n = ports.length;
  const indexOf = new Map(ports.map((_, i) => [nodeName(i), i]));
  let inboxes: BaselineMessage[][] = ports.map(() => []);
  let waiting = 0;
  let outputs: BaselineMessage[][] = [];
  let tickDone: () => void = () => undefined;
  ports.forEach((port, i) => {
    port.onmessage = (e: MessageEvent<BaselineMessage[]>) => {
      outputs[i] = e.data;
      if (--waiting === 0) tickDone();
    };
  });
  const tick = (first: boolean) =>
    new Promise<void>((resolve) => {
      tickDone = resolve;
      waiting = n;
      outputs = new Array(n);
      ports.forEach((port, i) => port.postMessage(first ? { init: { id: i, n, inFlight } } : inboxes[i]));
    });
  const route = () => {
    const next: BaselineMessage[][] = ports.map(() => []);
    let count = 0;
    for (const out of outputs) {
      for (const message of out) {
        next[indexOf.get(message.to)!]!.push(message);
        count++;
      }
    }
    inboxes = next;
    return count;
  };

  await tick(true);
  route();
  for (let i = 0; i < warmupTicks; i++) {
    await tick(false);
    route();
  }
  let delivered = 0;
  const started = performance.now();
  while (performance.now() - started < wallMs) {
    for (const inbox of inboxes) delivered += inbox.length;
    await tick(false);
    route();
  }
  const elapsed = performance.now() - started;
  scope.postMessage({ delivered, wallMs: elapsed });
};
