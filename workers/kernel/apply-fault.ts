/**
 * What each fault verb does to the run (Maelstrom's nemesis vocabulary: crash, restart, pause, resume,
 * partition, heal, slow/flaky links, clock skew). Every effect is recorded in the trace at the fault's time.
 */
import type { Network } from './network';
import type { FaultSpec, PartitionDirection, TraceEvent } from './protocol';
import type { SimNode } from './sim-node';
import type { Topology } from './topology';

export interface FaultContext {
  topology: Topology;
  network: Network;
  record(event: TraceEvent): void;
  /** The node's memory is gone: its runtime must be dropped by the host. */
  forgetRuntime(node: SimNode): void;
  /** A paused node resumed: hand it what arrived meanwhile. */
  releaseHeld(node: SimNode, at: number): void;
}

export function applyFault(ctx: FaultContext, fault: FaultSpec): void {
  const { at } = fault;
  switch (fault.kind) {
    case 'crash':
      for (const node of named(ctx, fault.node)) crashNode(ctx, node, at, 'crash fault');
      return;
    case 'restart':
      for (const node of named(ctx, fault.node)) {
        if (node.status !== 'crashed') continue;
        node.status = 'up';
        node.incarnation += 1;
        node.bootAt = at;
        node.state = {};
        ctx.record({ t: at, kind: 'restart', node: node.id, incarnation: node.incarnation });
      }
      return;
    case 'pause':
      for (const node of named(ctx, fault.node)) {
        if (node.status !== 'up') continue;
        node.status = 'paused';
        ctx.record({ t: at, kind: 'pause', node: node.id });
      }
      return;
    case 'resume':
      for (const node of named(ctx, fault.node)) {
        if (node.status !== 'paused') continue;
        node.status = 'up';
        ctx.record({ t: at, kind: 'resume', node: node.id });
        ctx.releaseHeld(node, at);
      }
      return;
    case 'skew':
      for (const node of named(ctx, fault.node)) {
        node.clockOffset = fault.offsetMs;
        ctx.record({ t: at, kind: 'skew', node: node.id, offsetMs: fault.offsetMs });
      }
      return;
    case 'partition':
    case 'heal':
      forPairs(ctx, fault.from, fault.to, (from, to) => {
        const direction: PartitionDirection = fault.direction ?? 'both';
        if (fault.kind === 'partition') ctx.network.partition(from, to, direction);
        else ctx.network.heal(from, to, direction);
        ctx.record({ t: at, kind: fault.kind, from, to, direction });
      });
      return;
    case 'split':
      fault.groups.forEach((group, i) => {
        for (const other of fault.groups.slice(i + 1)) {
          for (const a of group) {
            for (const b of other) {
              forPairs(ctx, a, b, (from, to) => {
                ctx.network.partition(from, to, 'both');
                ctx.record({ t: at, kind: 'partition', from, to, direction: 'both' });
              });
            }
          }
        }
      });
      return;
    case 'heal-all':
      for (const { from, to } of ctx.network.blockedPairs()) {
        ctx.record({ t: at, kind: 'heal', from, to, direction: 'one-way' });
      }
      ctx.network.healAll();
      return;
    case 'link':
      forPairs(ctx, fault.from, fault.to, (from, to) => {
        ctx.network.setLink(from, to, fault.spec);
        if (fault.direction !== 'one-way') ctx.network.setLink(to, from, fault.spec);
        ctx.record({ t: at, kind: 'link', from, to, spec: fault.spec });
      });
      return;
  }
}

/** Crash a node: its memory and timers are gone, its storage stays. Used by faults and by fatal errors. */
export function crashNode(ctx: FaultContext, node: SimNode, at: number, reason: string): void {
  if (node.status === 'crashed' || node.status === 'stopped') return;
  node.status = 'crashed';
  node.nextTimerAt = null;
  node.bootAt = null;
  ctx.forgetRuntime(node);
  ctx.record({ t: at, kind: 'crash', node: node.id, reason });
}

/** Names were validated when the fault was scheduled; a spawned node that never came simply matches nothing. */
function named(ctx: FaultContext, name: string): SimNode[] {
  return ctx.topology.expand(name);
}

/** The names a fault refers to, for validation before it is scheduled. */
export function namesIn(fault: FaultSpec): string[] {
  switch (fault.kind) {
    case 'partition':
    case 'heal':
    case 'link':
      return [fault.from, fault.to];
    case 'split':
      return fault.groups.flat();
    case 'heal-all':
      return [];
    default:
      return [fault.node];
  }
}

/** Every (a, b) with a in `from`, b in `to`, a != b. */
function forPairs(ctx: FaultContext, from: string, to: string, fn: (from: string, to: string) => void): void {
  for (const a of named(ctx, from)) {
    for (const b of named(ctx, to)) {
      if (a.id !== b.id) fn(a.id, b.id);
    }
  }
}
