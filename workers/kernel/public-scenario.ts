/**
 * `@playground/scenario`: the public API a lesson's `scenario.ts` and `checks.ts` import. Nothing else of
 * the engine is reachable from lessons.
 */
export * from './scenario';
export * from './check-helpers';
export * from './checks/messages';
export * from './checks/outages';
export * from './checks/cost';
export * from './checks/format';
export type {
  DropReason,
  Effect,
  FaultSpec,
  Json,
  LatencySpec,
  LinkSpec,
  Message,
  MessageId,
  NodeId,
  TraceEvent,
  TraceKind,
} from './protocol';
