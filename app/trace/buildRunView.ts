/**
 * The reference fold: the run at virtual time t, folded from the first event with no snapshot and no cache.
 * Simple on purpose; RunViewIndex must give the same answer faster (the tests hold it to that).
 */
import type { NodeView } from '../../workers/host/control-api';
import type { NodeId, TraceEvent } from '../../workers/kernel/protocol';
import { applyEvent, emptyFold } from './fold';
import { assembleNodes, Directory, nodeView, type NodeSeries } from './directory';
import { JourneyLedger, toFlying, visibleAt } from './journeys';
import { countUpTo } from './search';
import { TypeOrder } from './typeOrder';
import { DEFAULT_FADE_MS, type RunView } from './types';

export function buildRunView(
  events: readonly TraceEvent[],
  nodes: readonly NodeView[],
  t: number,
  fadeMs: number = DEFAULT_FADE_MS,
): RunView {
  const dir = new Directory(nodes);
  const cut = countUpTo(events, t);
  const fold = emptyFold();
  const series = new Map<NodeId, NodeSeries>();
  const seriesOf = (id: NodeId): NodeSeries => {
    let s = series.get(id);
    if (!s) series.set(id, (s = { logs: [], errors: [], metrics: {} }));
    return s;
  };
  const logs: RunView['logs'] = [];
  const errors: RunView['errors'] = [];
  const types = new TypeOrder();

  for (let i = 0; i < cut; i++) {
    const e = events[i] as TraceEvent;
    applyEvent(fold, e, i, dir, dir.size + fold.nodes.size);
    if (e.kind === 'log') {
      seriesOf(e.node).logs.push({ t: e.t, level: e.level, text: e.text });
      logs.push({ t: e.t, node: e.node, level: e.level, text: e.text });
    } else if (e.kind === 'error') {
      const err = e.where ? { t: e.t, message: e.message, where: e.where } : { t: e.t, message: e.message };
      seriesOf(e.node).errors.push(err);
      errors.push({ ...err, node: e.node });
    } else if (e.kind === 'metric') {
      const m = seriesOf(e.node).metrics;
      (m[e.name] ??= []).push({ t: e.t, value: e.value });
    }
    types.add(e, i);
  }

  // Journeys look past t on purpose: an in-flight message's arrival time is in the future.
  const ledger = new JourneyLedger();
  const spawned = new Set<NodeId>();
  events.forEach((e, i) => {
    ledger.add(e, i);
    if (e.kind === 'spawn') spawned.add(e.node);
  });

  const empty: NodeSeries = { logs: [], errors: [], metrics: {} };
  return {
    t,
    nodes: assembleNodes(fold, dir, spawned, (id, n) => nodeView(n, dir, series.get(id) ?? empty)),
    messages: ledger.all.filter((j) => visibleAt(j, t, cut, fadeMs)).map((j) => toFlying(j, t)),
    blocked: Array.from(fold.blocked.values(), (p) => ({ ...p })),
    links: Array.from(fold.links.values(), (l) => ({ ...l })),
    traffic: Array.from(fold.traffic.values(), (p) => ({ ...p })),
    messageTypes: types.types,
    eventIndex: cut,
    logs,
    errors,
  };
}
