/**
 * How node-workers.ts starts a node Worker: in the sandboxed node frame, through its control port
 * (node-frame-protocol.ts; the built site, page and Check Worker alike), or as a plain module Worker of the
 * app's origin (the dev server only, whose Worker is unbundled modules a `data:` Worker cannot import).
 */
import type { FromFrame, ToFrame } from './node-frame-protocol';

/** One node Worker, wherever it runs. */
export interface NodeWorkerHandle {
  /** Post on the Worker itself (a PortHandoff, a ResetRequest). */
  post(message: unknown, transfer?: Transferable[]): void;
  /** What the Worker posts on its own global (a ResetAnswer; learner code may post anything). */
  onmessage: ((data: unknown) => void) | null;
  /** The Worker failed (it did not start, or threw outside any handler); logged to the console if unset. */
  onerror: ((message: string) => void) | null;
  terminate(): void;
}

export interface NodeSpawner {
  /** A node Worker, or (`source`: a bundled module's text) a Worker of that code, where node Workers start. */
  spawn(label: string, source?: string): NodeWorkerHandle;
  /** `listener` hears of Workers that died with their frame (the frame is rebuilt; spawn again). */
  onLost(listener: (worker: NodeWorkerHandle, reason: string) => void): void;
  /** `listener` hears when the frame stops answering its pings (false) and answers again (true). */
  onFrame(listener: (answering: boolean) => void): void;
}

/** Node Workers in the sandboxed frame behind `control` (a NodeFrame's port, here or transferred). */
export function framedSpawner(control: MessagePort): NodeSpawner {
  const workers = new Map<number, NodeWorkerHandle & { label: string }>();
  const lost: ((worker: NodeWorkerHandle, reason: string) => void)[] = [];
  const frame: ((answering: boolean) => void)[] = [];
  let next = 0;
  const send = (message: ToFrame, transfer: Transferable[] = []) => control.postMessage(message, transfer);
  control.onmessage = (event: MessageEvent<FromFrame>) => {
    const data = event.data;
    if (data.kind === 'message') workers.get(data.id)?.onmessage?.(data.data);
    else if (data.kind === 'error') {
      const worker = workers.get(data.id);
      if (worker?.onerror) worker.onerror(data.message);
      else if (worker) console.error(`node Worker ${worker.label}:`, data.message);
    } else if (data.kind === 'answering') {
      for (const listener of frame) listener(data.answering);
    } else if (data.kind === 'lost') {
      for (const id of data.ids) {
        const worker = workers.get(id);
        workers.delete(id);
        if (worker) for (const listener of lost) listener(worker, data.reason);
      }
    }
  };
  return {
    spawn(label, source) {
      const id = ++next;
      const worker: NodeWorkerHandle & { label: string } = {
        label,
        onmessage: null,
        onerror: null,
        post: (data: unknown, transfer: Transferable[] = []) => send({ kind: 'post', id, data }, transfer),
        terminate: () => {
          if (workers.delete(id)) send({ kind: 'terminate', id });
        },
      };
      workers.set(id, worker);
      send(source === undefined ? { kind: 'spawn', id } : { kind: 'spawn', id, source });
      return worker;
    },
    onLost: (listener) => void lost.push(listener),
    onFrame: (listener) => void frame.push(listener),
  };
}

/** Plain module Workers from `url` (dev server: no frame, no CSP; see docs/architecture.md, Containment). */
export function directSpawner(url: string): NodeSpawner {
  return {
    spawn(label, source) {
      // A bundle's text runs as a `data:` Worker only where no CSP refuses it (this is the dev server's path).
      const where =
        source === undefined ? url : `data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`;
      const worker = new Worker(where, { type: 'module', name: label });
      worker.addEventListener('error', (event) => {
        if (handle.onerror) handle.onerror(event.message || 'the Worker failed');
        else console.error(`node Worker ${label}:`, event.message);
      });
      const handle: NodeWorkerHandle = {
        onmessage: null,
        onerror: null,
        post: (data, transfer = []) => worker.postMessage(data, transfer),
        terminate: () => worker.terminate(),
      };
      worker.addEventListener('message', (event: MessageEvent) => handle.onmessage?.(event.data));
      return handle;
    },
    onLost: () => undefined,
    onFrame: () => undefined,
  };
}
