/**
 * What the views draw: the state of a run at one virtual time, folded from the trace. Plain data only, so
 * React can compare it by reference and a snapshot can be copied cheaply.
 */
import type {
  DropReason,
  Json,
  LinkSpec,
  LogLevel,
  MessageId,
  NodeId,
  SourceLocation,
} from '../../workers/kernel/protocol';

export type NodeStatus = 'up' | 'crashed' | 'paused' | 'stopped';

export interface LogLine {
  t: number;
  level: LogLevel;
  text: string;
}

export interface NodeError {
  t: number;
  message: string;
  where?: SourceLocation;
}

export interface MetricPoint {
  t: number;
  value: number;
}

export interface NodeViewState {
  id: NodeId;
  role: string;
  /** Creation order in the run; the views sort and colour by it. */
  index: number;
  status: NodeStatus;
  state: Json;
  storage: Record<string, Json>;
  logs: LogLine[];
  errors: NodeError[];
  metrics: Record<string, MetricPoint[]>;
  clockOffset: number;
  lastCrashReason?: string;
}

export interface FlyingMessage {
  id: MessageId;
  from: NodeId;
  to: NodeId;
  type: string;
  body: Json;
  sentAt: number;
  /** When it arrives or is dropped at the receiver; null when the trace we have does not say yet. */
  arriveAt: number | null;
  /** Fate at the view's time: a message delivered later is still 'in-flight' now. */
  fate: 'in-flight' | 'delivered' | 'dropped';
  dropReason?: DropReason;
  /** An extra copy made by the network (copy > 0): same id, a separate journey. */
  duplicate?: boolean;
  /** 0 for the original, 1.. for the network's copies; `${id}/${copy}` is unique in a run. */
  copy: number;
}

export interface DirectedPair {
  from: NodeId;
  to: NodeId;
}

export interface RunView {
  t: number;
  /** Every node that exists at t, by creation order. */
  nodes: NodeViewState[];
  /** Messages to draw at t: in flight, plus those that ended within the fade window (for a short fade). */
  messages: FlyingMessage[];
  /** Directed pairs a partition blocks at t. */
  blocked: DirectedPair[];
  /** Link overrides (slow, flaky) in force at t. */
  links: (DirectedPair & { spec: Partial<LinkSpec> })[];
  /** Messages sent per directed pair up to t: which links to draw. */
  traffic: (DirectedPair & { count: number })[];
  /** Message types in the order they were first sent (stable colours for the legend). */
  messageTypes: string[];
  /** Number of trace events with event.t <= t. */
  eventIndex: number;
  /** All nodes' logs up to t, in trace order, for the console. */
  logs: { t: number; node: NodeId; level: LogLevel; text: string }[];
  /** All nodes' errors up to t, in trace order. */
  errors: { t: number; node: NodeId; message: string; where?: SourceLocation }[];
}

/** How long (virtual ms) a delivered or dropped message stays in `messages` after it ended. */
export const DEFAULT_FADE_MS = 120;
