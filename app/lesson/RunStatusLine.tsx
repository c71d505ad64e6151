import { formatMs } from './FaultMenu';
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
  addedFaults: number;
  onClearFaults(): void;
}

/** Where the run stands, in words: status, virtual time, the faults the learner added. */
export function RunStatusLine({ state, t, until, addedFaults, onClearFaults }: Props) {
  const status = runStatus(state);
  return (
    <div className="run-status" aria-live="polite">
      <span className={`status-pill ${status}`} data-testid="run-status" data-status={status}>
        {labels[status]}
      </span>
      <span className="run-clock" data-testid="run-clock">
        <strong>{formatMs(t)}</strong> of {formatMs(until)} virtual time
      </span>
      {addedFaults > 0 && (
        <span className="added-faults">
          {addedFaults} fault{addedFaults > 1 ? 's' : ''} added
          <button type="button" className="link-button" onClick={onClearFaults} data-testid="clear-faults">
            Clear
          </button>
        </span>
      )}
    </div>
  );
}
