/**
 * Named questions the page asks the run machine. Components use these instead of `state.can(...)` with a
 * made-up event: `can({ type: 'RUN' })` is true whenever Run is allowed, which says nothing about whether
 * the code changed (the question the Run button's label needs answered).
 */
import type { SnapshotFrom } from 'xstate';
import type { RunConfig } from '../../workers/host/control-api';
import type { LoadError } from '../../workers/kernel/protocol';
import { configKey, type runMachine, type RunStatus } from './runMachine';

export type RunState = SnapshotFrom<typeof runMachine>;

const statuses: RunStatus[] = ['idle', 'compiling', 'running', 'paused', 'finished', 'failed'];

/** The top-level lifecycle state, for labels and the test API. */
export function selectStatus(state: RunState): RunStatus {
  return statuses.find((s) => state.matches(s)) ?? 'idle';
}

/** The code, seed or faults differ from what the kernel has loaded: Run must recompile first. */
export function selectConfigChanged(state: RunState, config: RunConfig | undefined): boolean {
  return config !== undefined && configKey(config) !== state.context.loadedKey;
}

/**
 * The compile errors of the code on screen. Errors of an attempt whose code has since changed are stale:
 * the learner is fixing them, and showing them would blame code that is no longer there.
 */
export function selectCompileErrors(state: RunState, config: RunConfig | undefined): LoadError[] {
  if (!state.matches('failed')) return [];
  const attempted = state.context.pending;
  if (!config || !attempted || configKey(config) !== configKey(attempted)) return [];
  return state.context.errors;
}

/** Why the last run stopped (a dead kernel, a failed step), when it did. Compile errors are separate. */
export function selectFailure(state: RunState): string | undefined {
  return state.matches('failed') ? state.context.failure : undefined;
}

/** The run is blocked by something still true of the code on screen (not an attempt since edited). */
export function selectBlocked(state: RunState, config: RunConfig | undefined): boolean {
  if (!state.matches('failed')) return false;
  return selectCompileErrors(state, config).length > 0 || state.context.failure !== undefined;
}

export type PrimaryAction = 'run' | 'run-changes' | 'pause' | 'replay';

/** What the big button does now: pause a playing run, replay a finished one, or run (the changes). */
export function selectPrimaryAction(state: RunState, config: RunConfig | undefined): PrimaryAction {
  const changed = selectConfigChanged(state, config);
  if (state.matches('running')) return changed ? 'run-changes' : 'pause';
  if (state.matches('finished') && !changed) return 'replay';
  return 'run';
}

export function selectCanStep(state: RunState, config: RunConfig | undefined): boolean {
  return config !== undefined && state.can({ type: 'STEP', config });
}

export function selectCanStepBack(state: RunState): boolean {
  return state.can({ type: 'STEP_BACK' });
}

/** Faults can be added while a run is loaded (playing, paused or finished). */
export function selectCanInject(state: RunState, config: RunConfig | undefined): boolean {
  return config !== undefined && state.can({ type: 'INJECT', fault: { at: 0, kind: 'heal-all' }, config });
}

export function selectBusy(state: RunState): boolean {
  return state.matches('compiling');
}
