/**
 * When nodes could not do their work: crashed (until restarted), paused (until resumed), stopped (for good),
 * or cut off by a partition (until healed). One fold of the fault events, used by every check that must
 * excuse a node while it was down, or blame it for staying silent while it was up.
 */
import type { NodeId } from '../protocol';
import type { RunResult } from '../scenario';

export type OutageKind = 'crash' | 'pause' | 'stop' | 'partition';

/** One interval [from, to) during which `node` was down (or, for a partition, could not reach `peer`). */
export interface Outage {
  node: NodeId;
  kind: OutageKind;
  from: number;
  /** When it ended; the run's end if it never did. */
  to: number;
  /** For a partition: the node on the other side (this node could not send to it). */
  peer?: NodeId;
}

const outageCache = new WeakMap<object, Outage[]>();

/** Every outage of the run (optionally of one node, or of some kinds), in order of start. */
export function outages(run: RunResult, node?: NodeId, kinds?: readonly OutageKind[]): Outage[] {
  let all = outageCache.get(run.trace);
  if (!all) {
    all = foldOutages(run);
    outageCache.set(run.trace, all);
  }
  return all.filter(
    (o) => (node === undefined || o.node === node) && (kinds === undefined || kinds.includes(o.kind)),
  );
}

function foldOutages(run: RunResult): Outage[] {
  const open = new Map<string, Outage>();
  const done: Outage[] = [];
  const start = (key: string, o: Outage) => {
    if (!open.has(key)) open.set(key, o);
  };
  const end = (key: string, t: number) => {
    const o = open.get(key);
    if (!o) return;
    open.delete(key);
    done.push({ ...o, to: t });
  };
  for (const e of run.trace) {
    switch (e.kind) {
      case 'crash':
        end(`pause ${e.node}`, e.t);
        start(`crash ${e.node}`, { node: e.node, kind: 'crash', from: e.t, to: run.virtualMs });
        break;
      case 'restart':
        end(`crash ${e.node}`, e.t);
        break;
      case 'pause':
        start(`pause ${e.node}`, { node: e.node, kind: 'pause', from: e.t, to: run.virtualMs });
        break;
      case 'resume':
        end(`pause ${e.node}`, e.t);
        break;
      case 'stop':
        start(`stop ${e.node}`, { node: e.node, kind: 'stop', from: e.t, to: run.virtualMs });
        break;
      case 'partition':
        start(`cut ${e.from} ${e.to}`, {
          node: e.from,
          kind: 'partition',
          from: e.t,
          to: run.virtualMs,
          peer: e.to,
        });
        if (e.direction === 'both')
          start(`cut ${e.to} ${e.from}`, {
            node: e.to,
            kind: 'partition',
            from: e.t,
            to: run.virtualMs,
            peer: e.from,
          });
        break;
      case 'heal':
        end(`cut ${e.from} ${e.to}`, e.t);
        if (e.direction === 'both') end(`cut ${e.to} ${e.from}`, e.t);
        break;
    }
  }
  for (const o of open.values()) done.push(o);
  return done.sort((a, b) => a.from - b.from || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/** Whether `node` was crashed, paused or stopped at `t` (partitions are not counted: it was running). */
export function isDown(run: RunResult, node: NodeId, t: number): boolean {
  return outages(run, node, ['crash', 'pause', 'stop']).some((o) => o.from <= t && t < o.to);
}

/** Whether `from` could not send to `to` at `t` (a partition between them). */
export function isCutOff(run: RunResult, from: NodeId, to: NodeId, t: number): boolean {
  return outages(run, from, ['partition']).some((o) => o.peer === to && o.from <= t && t < o.to);
}

/** How long `node` was down in total (crash, pause, stop), in ms. */
export function downtime(run: RunResult, node: NodeId): number {
  return outages(run, node, ['crash', 'pause', 'stop']).reduce((sum, o) => sum + (o.to - o.from), 0);
}
