/**
 * What the real-mode launcher (the control plane) and its node processes say to each other over the Node IPC
 * channel of `child_process.fork`. Plain JSON. Node traffic itself never goes here: it is HTTP between the
 * node processes. Trace events go from a node to the launcher, which merges them into one trace.
 */
import type {
  Json,
  LinkSpec,
  NodeBoot,
  NodeId,
  PartitionDirection,
  PeerInfo,
  RoleSource,
  TraceEvent,
} from '../kernel/protocol';

/** Where a node listens (`http://host:port`) by id, or why it does not: senders drop at once, with that reason. */
export type AddressBook = Record<NodeId, string | 'crashed' | 'stopped'>;

/** A change to the outbound filter, with role names already expanded to node ids by the launcher. */
export type NetChange =
  | { op: 'partition' | 'heal'; from: NodeId; to: NodeId; direction: PartitionDirection }
  | { op: 'heal-all' }
  | { op: 'link'; from: NodeId; to: NodeId; spec: Partial<LinkSpec> };

/** The launcher's first message to a node process: what to run. */
export interface NodeInit {
  type: 'init';
  id: NodeId;
  role: RoleSource;
  /** Run seed: the outbound filter's fate of each message comes from it (the kernel's own network model). */
  seed: number;
  network: { defaults?: Partial<LinkSpec>; links: NetChange[] };
  /** How many run ms pass per real ms. */
  speed: number;
  /** Listen here (0: any free port, reported back in `ready`). */
  port: number;
}

export type LauncherToNode =
  | NodeInit
  /** Start the role; `origin` is the wall-clock epoch (ms) of the run's time 0. */
  | { type: 'boot'; boot: NodeBoot; addresses: AddressBook; origin: number }
  | { type: 'addresses'; addresses: AddressBook }
  | { type: 'membership'; peers: PeerInfo[] }
  | { type: 'net'; change: NetChange }
  | { type: 'skew'; offsetMs: number }
  /** Finish: flush outstanding trace and exit. */
  | { type: 'finish' };

export type NodeToLauncher =
  /** Compiled and listening. */
  | { type: 'ready'; port: number }
  /** Could not start: a compile error (file:line) or a listen error, as one line. */
  | { type: 'failed'; reason: string }
  /** Trace events of one runtime batch, in the node's order (storage events are the launcher's to persist). */
  | { type: 'trace'; events: TraceEvent[] }
  | { type: 'spawn'; t: number; id: NodeId; role: string; storage?: Record<string, Json> }
  | { type: 'stop'; t: number; id: NodeId }
  /** The runtime gave up on this node (main threw on load, budget): the launcher crashes it. */
  | { type: 'fatal'; t: number; reason: string }
  | { type: 'finished' };
