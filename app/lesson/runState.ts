import type { SnapshotFrom } from 'xstate';
import type { runMachine, RunStatus } from '../machines/runMachine';

export type RunState = SnapshotFrom<typeof runMachine>;

const statuses: RunStatus[] = ['idle', 'compiling', 'running', 'paused', 'finished', 'failed'];

/** The top-level lifecycle state, for labels and the test API. */
export function runStatus(state: RunState): RunStatus {
  return statuses.find((s) => state.matches(s)) ?? 'idle';
}
