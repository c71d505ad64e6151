/**
 * The NodeOutputs a Worker host makes up for a node whose Worker gave none: it spun past the watchdog, never
 * started, died with its frame, or answered with something that is not an output. The kernel records each
 * as a crash of that node with its reason (and, where the host can guess it, the handler's file:line).
 */
import type { NodeBatch, NodeId, NodeOutput, RoleSource, SourceLocation } from '../kernel/protocol';
import { describeBatch, locateHandler, stuckReason } from './watchdog-text';

/** A node that has not even started its batch after this long is taken for dead (its Worker crashed). */
export const START_LIMIT_MS = 30_000;

export function crashOutput(node: NodeId, reason: string, where?: SourceLocation): NodeOutput {
  return { node, effects: [], nextTimerAt: null, fatal: where ? { reason, where } : { reason } };
}

export function notStartedOutput(batch: NodeBatch): NodeOutput {
  const reason = `its Worker did not start within ${START_LIMIT_MS / 1000} s (did it run out of memory?)`;
  return crashOutput(batch.node, reason);
}

/** The batch ran past `budgetMs` with no progress: "an infinite loop?", at the handler's line if known. */
export function stuckOutput(batch: NodeBatch, source: RoleSource | undefined, budgetMs: number): NodeOutput {
  const what = describeBatch(batch);
  const reason = stuckReason(what.text, budgetMs, 'run');
  const where = source && { file: source.file, line: locateHandler(source.source, what.messageType) };
  return crashOutput(batch.node, reason, where);
}
