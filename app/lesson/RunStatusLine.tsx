import type { RunConfig } from '../../workers/host/control-api';
import { formatMs } from '../format/time';
import { selectBlocked, selectStatus, type RunState } from '../machines/runSelectors';

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
  config: RunConfig | undefined;
  t: number;
  until: number;
  /** The clock is hurrying through a stretch where nothing happens. */
  skipping: boolean;
  /** The cursor has been waiting on the kernel for a while: nothing moves. */
  waiting: boolean;
}

/** Where the run stands, in words: its status and the virtual time at the cursor. */
export function RunStatusLine({ state, config, t, until, skipping, waiting }: Props) {
  const status = selectStatus(state);
  // A blocked run whose code was edited since is no longer blocked by what is on screen: Run tries again.
  const label =
    status === 'failed' && !selectBlocked(state, config)
      ? 'Edited: press Run'
      : status === 'running' && waiting
        ? 'Waiting for the nodes…'
        : labels[status];
  return (
    <div className="run-status" aria-live="polite">
      <span
        className={`status-pill ${status}${waiting && status === 'running' ? ' waiting' : ''}`}
        data-testid="run-status"
        data-status={status}
        data-waiting={waiting && status === 'running' ? 'true' : undefined}
      >
        {label}
        {status === 'running' && skipping && !waiting && (
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
