/**
 * The kernel's node list (NodeView[]) as a lookup, and the step that turns fold nodes into the views'
 * NodeViewState list. Shared by the from-zero fold and the index so both agree by construction.
 */
import type { NodeView } from '../../workers/host/control-api';
import type { NodeId } from '../../workers/kernel/protocol';
import { freshNode, type FoldNode, type FoldState, type NodeDirectory } from './fold';
import type { LogLine, MetricPoint, NodeError, NodeViewState } from './types';

export class Directory implements NodeDirectory {
  private readonly byId = new Map<NodeId, NodeView>();
  /** Bumped when the list changes, so cached views know they may be stale. */
  version = 0;

  constructor(nodes: readonly NodeView[] = []) {
    this.set(nodes);
  }

  set(nodes: readonly NodeView[]): void {
    for (const n of nodes) {
      const prev = this.byId.get(n.id);
      if (prev && prev.role === n.role && prev.index === n.index) continue;
      this.byId.set(n.id, n);
      this.version++;
    }
  }

  get size(): number {
    return this.byId.size;
  }
  ids(): IterableIterator<NodeId> {
    return this.byId.keys();
  }
  role(id: NodeId): string | undefined {
    return this.byId.get(id)?.role;
  }
  index(id: NodeId): number | undefined {
    return this.byId.get(id)?.index;
  }
}

export interface NodeSeries {
  logs: LogLine[];
  errors: NodeError[];
  metrics: Record<string, MetricPoint[]>;
}

/**
 * The nodes that exist at the fold's point: every node the fold has touched, plus every initial node (in the
 * directory and never spawned in the trace), which is up and blank until something happens to it.
 */
export function assembleNodes(
  fold: FoldState,
  dir: Directory,
  spawned: ReadonlySet<NodeId>,
  view: (id: NodeId, node: FoldNode) => NodeViewState,
): NodeViewState[] {
  const out: NodeViewState[] = [];
  for (const n of fold.nodes.values()) out.push(view(n.id, n));
  for (const id of dir.ids()) {
    if (fold.nodes.has(id) || spawned.has(id)) continue;
    out.push(view(id, freshNode(id, dir, 0)));
  }
  out.sort((a, b) => a.index - b.index || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

/** A fold node plus its series as the views see it. The directory wins for role and index. */
export function nodeView(n: FoldNode, dir: Directory, series: NodeSeries): NodeViewState {
  const v: NodeViewState = {
    id: n.id,
    role: n.role !== '?' ? n.role : (dir.role(n.id) ?? '?'),
    index: dir.index(n.id) ?? n.index,
    status: n.status,
    state: n.state,
    storage: n.storage,
    logs: series.logs,
    errors: series.errors,
    metrics: series.metrics,
    clockOffset: n.clockOffset,
  };
  if (n.lastCrashReason !== undefined) v.lastCrashReason = n.lastCrashReason;
  return v;
}
