/** The trace layer: folds of the run's trace for the views. Pure TypeScript, no React, no DOM. */
export * from './types';
export { buildRunView } from './buildRunView';
export { RunViewIndex } from './RunViewIndex';
export type { NodeId, MessageId, TraceEvent } from '../../workers/kernel/protocol';
