/**
 * The part of a run's state that is overwritten rather than appended (status, state, storage, partitions,
 * link overrides, traffic counts). It is small, so a snapshot is a shallow copy. Append-only things (logs,
 * errors, metrics, message journeys) are kept elsewhere and cut by index, never copied.
 */
import type { Json, LinkSpec, NodeId, TraceEvent } from '../../workers/kernel/protocol';
import { statusAfter } from './nodeStatus';
import type { NodeStatus } from './types';

export interface FoldNode {
  id: NodeId;
  role: string;
  index: number;
  status: NodeStatus;
  state: Json;
  /** Copy-on-write: a new object on every change, so views handed out earlier never change under React. */
  storage: Record<string, Json>;
  clockOffset: number;
  lastCrashReason?: string;
  /** Index of the last event that changed this node: the key of the per-node view cache. */
  last: number;
}

export interface FoldState {
  nodes: Map<NodeId, FoldNode>;
  blocked: Map<string, { from: NodeId; to: NodeId }>;
  links: Map<string, { from: NodeId; to: NodeId; spec: Partial<LinkSpec> }>;
  traffic: Map<string, { from: NodeId; to: NodeId; count: number }>;
}

/** What the fold knows of nodes before any event: the kernel's node list. */
export interface NodeDirectory {
  role(id: NodeId): string | undefined;
  index(id: NodeId): number | undefined;
}

export const pairKey = (from: NodeId, to: NodeId): string => `${from}\u0000${to}`;

export function emptyFold(): FoldState {
  return { nodes: new Map(), blocked: new Map(), links: new Map(), traffic: new Map() };
}

/** A copy deep enough that folding on from it never changes the original. */
export function cloneFold(s: FoldState): FoldState {
  const nodes = new Map<NodeId, FoldNode>();
  for (const [id, n] of s.nodes) nodes.set(id, { ...n });
  return { nodes, blocked: new Map(s.blocked), links: new Map(s.links), traffic: new Map(s.traffic) };
}

export function freshNode(id: NodeId, dir: NodeDirectory, fallbackIndex: number, role?: string): FoldNode {
  return {
    id,
    role: role ?? dir.role(id) ?? '?',
    index: dir.index(id) ?? fallbackIndex,
    status: 'up',
    state: null,
    storage: {},
    clockOffset: 0,
    last: -1,
  };
}

/** The node an event concerns, or undefined for network-wide events and message traffic. */
function stateNode(e: TraceEvent): NodeId | undefined {
  switch (e.kind) {
    case 'crash':
    case 'restart':
    case 'pause':
    case 'resume':
    case 'spawn':
    case 'stop':
    case 'skew':
    case 'log':
    case 'state':
    case 'metric':
    case 'storage':
    case 'error':
      return e.node;
    default:
      return undefined;
  }
}

/**
 * Fold one event (at trace index i) into s. Nodes appear on first touch: a spawned node at its spawn, an
 * initial node (from the directory) when anything first happens to it.
 */
export function applyEvent(
  s: FoldState,
  e: TraceEvent,
  i: number,
  dir: NodeDirectory,
  nextIndex: number,
): void {
  const id = stateNode(e);
  if (id !== undefined) {
    let n = s.nodes.get(id);
    if (!n || e.kind === 'spawn') {
      n = freshNode(id, dir, nextIndex, e.kind === 'spawn' ? e.role : undefined);
      s.nodes.set(id, n);
    }
    n.last = i;
    applyNodeEvent(n, e);
    return;
  }
  switch (e.kind) {
    case 'send': {
      const k = pairKey(e.message.from, e.message.to);
      // Replaced, never mutated: a snapshot then copies the map, not every entry.
      const cur = s.traffic.get(k);
      s.traffic.set(
        k,
        cur ? { ...cur, count: cur.count + 1 } : { from: e.message.from, to: e.message.to, count: 1 },
      );
      return;
    }
    case 'partition':
      block(s, e.from, e.to);
      if (e.direction === 'both') block(s, e.to, e.from);
      return;
    case 'heal':
      s.blocked.delete(pairKey(e.from, e.to));
      if (e.direction === 'both') s.blocked.delete(pairKey(e.to, e.from));
      return;
    case 'link': {
      const k = pairKey(e.from, e.to);
      const prev = s.links.get(k);
      s.links.set(k, { from: e.from, to: e.to, spec: { ...prev?.spec, ...e.spec } });
      return;
    }
    default:
      return;
  }
}

function block(s: FoldState, from: NodeId, to: NodeId): void {
  const k = pairKey(from, to);
  if (!s.blocked.has(k)) s.blocked.set(k, { from, to });
}

function applyNodeEvent(n: FoldNode, e: TraceEvent): void {
  n.status = statusAfter(n.status, e);
  switch (e.kind) {
    case 'crash':
      n.lastCrashReason = e.reason;
      return;
    case 'restart':
      // Memory does not survive a crash: the state shown is the new incarnation's, once it reports one.
      n.state = null;
      return;
    case 'skew':
      n.clockOffset = e.offsetMs;
      return;
    case 'state':
      n.state = e.state;
      return;
    case 'storage': {
      const next = { ...n.storage };
      if (e.value === undefined) delete next[e.key];
      else next[e.key] = e.value;
      n.storage = next;
      return;
    }
    default:
      return;
  }
}
