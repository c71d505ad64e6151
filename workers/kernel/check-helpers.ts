/**
 * Small folds over a run's trace that checkers share. Each is a plain function of a {@link RunResult}, so a
 * checker reads as a sentence: `sent(run, 'echo').length === delivered(run, 'echo_ok').length`.
 */
import type { Message, NodeId, TraceEvent } from './protocol';
import type { FinalNode, RunResult } from './scenario';

type EventOf<K extends TraceEvent['kind']> = Extract<TraceEvent, { kind: K }>;

/** Every trace event of one kind, in order. */
export function eventsOf<K extends TraceEvent['kind']>(run: RunResult, kind: K): EventOf<K>[] {
  return run.trace.filter((e): e is EventOf<K> => e.kind === kind);
}

/** Messages sent (optionally of one type, optionally by one node), in send order. */
export function sent(run: RunResult, type?: string, by?: NodeId): Message[] {
  return eventsOf(run, 'send')
    .filter((e) => (type === undefined || e.message.type === type) && (by === undefined || e.node === by))
    .map((e) => e.message);
}

/** Deliveries (optionally of one message type, optionally to one node), in order. */
export function delivered(run: RunResult, type?: string, to?: NodeId): EventOf<'deliver'>[] {
  return eventsOf(run, 'deliver').filter(
    (e) => (type === undefined || e.type === type) && (to === undefined || e.node === to),
  );
}

/** Log lines (optionally of one node), as text. */
export function logs(run: RunResult, node?: NodeId): string[] {
  return eventsOf(run, 'log')
    .filter((e) => node === undefined || e.node === node)
    .map((e) => e.text);
}

/** Errors raised by learner code, as `node: message (file:line)`. */
export function errors(run: RunResult): string[] {
  return eventsOf(run, 'error').map(
    (e) => `${e.node}: ${e.message}${e.where ? ` (${e.where.file}:${e.where.line})` : ''}`,
  );
}

/** The final nodes of one role. */
export function nodesOfRole(run: RunResult, role: string): FinalNode[] {
  return run.nodes.filter((n) => n.role === role);
}

/** One final node by id; throws a readable error if there is none. */
export function finalNode(run: RunResult, id: NodeId): FinalNode {
  const found = run.nodes.find((n) => n.id === id);
  if (!found)
    throw new Error(`no node named ${id} in this run (nodes: ${run.nodes.map((n) => n.id).join(', ')})`);
  return found;
}

/** Values of one metric over time, per node. */
export function metricSeries(run: RunResult, name: string): { t: number; node: NodeId; value: number }[] {
  return eventsOf(run, 'metric')
    .filter((e) => e.name === name)
    .map((e) => ({ t: e.t, node: e.node, value: e.value }));
}

/** The state snapshots of one node over time (each after an event that changed it). */
export function stateHistory(run: RunResult, node: NodeId): { t: number; state: unknown }[] {
  return eventsOf(run, 'state')
    .filter((e) => e.node === node)
    .map((e) => ({ t: e.t, state: e.state }));
}
