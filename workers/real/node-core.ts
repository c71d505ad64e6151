/**
 * What both kinds of node process share: compile the role (the simulation's compile step, so the same errors
 * with file and line), build its runtime, and split each batch's output into trace events, messages to send,
 * and control-plane requests (spawn, stop).
 */
import type { Effect, LoadError, NodeId, NodeOutput, RoleSource, TraceEvent } from '../kernel/protocol';
import { compileRole } from '../runtime/compile';
import { NodeRuntime } from '../runtime/node-runtime';

/** `roles/server.ts:3:13: Unexpected token`: how a load error reads on one line. */
export function describeLoadError(error: LoadError): string {
  return `${error.file}:${error.line}${error.column ? `:${error.column}` : ''}: ${error.message}`;
}

/** A runtime for node `id` running `role`, or the compile error as one line. */
export function makeRuntime(id: NodeId, role: RoleSource): NodeRuntime | string {
  const compiled = compileRole(role);
  if (!compiled.ok) return describeLoadError(compiled.error);
  return new NodeRuntime(id, compiled.role, {
    yieldToMacrotask: () => new Promise<void>((resolve) => setImmediate(resolve)),
  });
}

export interface SplitOutput {
  /** Every effect that is a trace event, in the node's order (sends included). */
  trace: TraceEvent[];
  sends: Extract<Effect, { kind: 'send' }>[];
  control: Extract<Effect, { kind: 'spawn' | 'stop' }>[];
}

export function splitOutput(output: NodeOutput): SplitOutput {
  const result: SplitOutput = { trace: [], sends: [], control: [] };
  for (const effect of output.effects) {
    if (effect.kind === 'spawn' || effect.kind === 'stop') result.control.push(effect);
    else {
      result.trace.push(effect);
      if (effect.kind === 'send') result.sends.push(effect);
    }
  }
  return result;
}
