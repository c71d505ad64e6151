import { formatMs } from '../format/time';
import { runStatus, type RunState } from './runState';

const labels = {
  idle: 'Ready',
  compiling: 'Compiling…',
  running: 'Running',
  paused: 'Paused',
  finished: 'Finished',
  failed: 'Blocked',
} as const;

interface Props {
  state: RunState;
  t: number;
  until: number;
  /** The clock is hurrying through a stretch where nothing happens. */
  skipping: boolean;
}

/** Where the run stands, in words: its status and the virtual time at the cursor. */
export function RunStatusLine({ state, t, until, skipping }: Props) {
  const status = runStatus(state);
  return (
    <div className="run-status" aria-live="polite">
      <span className={`status-pill ${status}`} data-testid="run-status" data-status={status}>
        {labels[status]}
        {status === 'running' && skipping && (
          <span title="Nothing happens for a while: skipping ahead"> ⏩</span>
        )}
      </span>
      <span
        className="run-clock"
        data-testid="run-clock"
        title="Virtual time at the cursor, of the run's length"
      >
        <strong>{formatMs(t)}</strong> / {formatMs(until)}
      </span>
    </div>
  );
}
