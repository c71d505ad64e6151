/**
 * What the kernel Worker (WorkerHost) and a node Worker say to each other over the node's MessagePort.
 * Data plane only: one `batch` post per node per window, one `output` post back. Typed once, here.
 * Batches and outputs travel in the compact form of wire-codec.ts (structured clone costs per object).
 */
import type { RoleSource } from '../kernel/protocol';
import type { WireBatch, WireOutput } from './wire-codec';

/** Kernel -> node Worker. */
export type ToNode =
  /** New role sources for this run: forget the running node and any compiled role. */
  | { kind: 'load'; roles: RoleSource[] }
  /**
   * One window of work (a NodeBatch in its compact wire form, wire-codec.ts);
   * `seq` is echoed back so a late answer can never be taken for a newer one.
   */
  | { kind: 'batch'; seq: number; batch: WireBatch }
  /** Forget the node's memory (crash or stop). No answer. */
  | { kind: 'stop' };

/** Node Worker -> kernel. */
export type FromNode =
  /** Sent once when the port arrives: the Worker's modules are loaded, so the watchdog may start counting. */
  | { kind: 'ready' }
  /** A booting node compiled its role and now runs it: from here the watchdog counts. Boots only. */
  | { kind: 'started'; seq: number }
  /** The NodeOutput, in its wire form (decoded against the batch it answers). */
  | { kind: 'output'; seq: number; output: WireOutput };

/** Main thread -> node Worker, once per opening: the port to talk to the kernel on. */
export interface PortHandoff {
  kind: 'port';
  port: MessagePort;
}

/**
 * Owner -> node Worker, on the Worker itself (not the port): the run is over; forget it, and say whether the
 * realm is as it was before any role code ran (`realm-print.ts`), i.e. whether it may serve another run.
 */
export interface ResetRequest {
  kind: 'reset';
  /** Echoed in the answer: a random number, unknown to role code before the request arrives. */
  n: number;
}

/** Node Worker -> owner, the answer to a ResetRequest. */
export interface ResetAnswer {
  kind: 'reset';
  n: number;
  clean: boolean;
}

/**
 * How the kernel Worker reaches node Workers. The main thread implements it and hands it to the kernel
 * Worker as a Comlink proxy (control plane only: a few calls per run, never per message). Kept this small
 * so the node Workers can later live inside a sandboxed iframe without kernel or WorkerHost changes.
 */
export interface NodeProvider {
  /** A fresh or reused node Worker for `nodeId`, reached through the returned port (transferred). */
  openNode(nodeId: string): Promise<MessagePort>;
  /** Kill the node Worker of `nodeId` (it spins); a later `openNode` gets a new one. */
  terminateNode(nodeId: string): Promise<void>;
  /**
   * The run is over for `nodeId`: its Worker may serve a later run, if its realm is untouched (Check reuses
   * node Workers across seeds this way). Without it, the host terminates the Worker.
   */
  releaseNode?(nodeId: string): Promise<void>;
  /**
   * `listener` hears of node Workers that died on their own (their sandboxed frame crashed): the host
   * reports those nodes as stopped with `reason`. Across Workers (Comlink), `listener` is a proxy.
   */
  watchLost?(listener: (nodeId: string, reason: string) => void): void;
  /**
   * `listener` hears when the sandboxed frame stops answering its pings (false) and answers again (true):
   * meanwhile the host blames no node for being slow (the frame is busy, or dead and about to be rebuilt).
   */
  watchFrame?(listener: (answering: boolean) => void): void;
}
