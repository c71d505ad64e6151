/**
 * A node's status through the trace: the one rule the graph's fold and the sequence diagram's lifelines
 * both follow (crash -> crashed until restart; pause -> paused until resume; stop -> stopped for good).
 */
import type { TraceEvent } from '../../workers/kernel/protocol';
import type { NodeStatus } from './types';

export function statusAfter(status: NodeStatus, e: TraceEvent): NodeStatus {
  switch (e.kind) {
    case 'spawn':
    case 'restart':
      return 'up';
    case 'crash':
      return 'crashed';
    case 'pause':
      return 'paused';
    case 'resume':
      return status === 'paused' ? 'up' : status;
    case 'stop':
      return 'stopped';
    default:
      return status;
  }
}

/** Down: the node handles nothing and its memory is gone (crashed, or stopped for good). */
export const isDown = (status: NodeStatus): boolean => status === 'crashed' || status === 'stopped';
