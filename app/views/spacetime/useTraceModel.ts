/** The diagram's model, kept in step with the trace across renders. */
import { useState } from 'react';
import type { TraceEvent } from '../../../workers/kernel/protocol';
import { buildModel, SpaceTimeModel } from './spacetime-model';

/** Keeps a model caught up with a trace that grows; starts a fresh one when a new run's trace comes. */
export class TraceFollower {
  private model = new SpaceTimeModel();

  follow(events: readonly TraceEvent[]): SpaceTimeModel {
    if (!this.model.sync(events)) this.model = buildModel(events);
    return this.model;
  }
}

/**
 * The model, caught up with `events` on every render: the trace only grows, so this folds just the new
 * events (the array may grow in place, or be a fresh copy with the same events). A trace that is not a
 * continuation (a new run) gets a fresh model.
 */
export function useTraceModel(events: readonly TraceEvent[]): SpaceTimeModel {
  const [follower] = useState(() => new TraceFollower());
  return follower.follow(events);
}
