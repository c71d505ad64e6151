import type { RunConfig } from '../../workers/host/control-api';
import { SPEEDS, speedLabel } from '../engine/playback';
import type { RunState } from './runState';

interface Props {
  state: RunState;
  config: RunConfig | undefined;
  speed: number;
  seed: number;
  onToggle(): void;
  onStep(): void;
  onRestart(): void;
  onSpeed(speed: number): void;
  onSeed(seed: number): void;
  /** Run the lesson's checkers over many seeds. */
  onCheck(): void;
  checking: boolean;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const rerunKeys = isMac ? '⌘↵' : 'Ctrl+↵';

/** Run, pause, step, restart; speed and seed. Every button says its key. */
export function RunControls({
  state,
  config,
  speed,
  seed,
  onToggle,
  onStep,
  onRestart,
  onSpeed,
  onSeed,
  onCheck,
  checking,
}: Props) {
  const canPause = state.can({ type: 'PAUSE' });
  const changed = config !== undefined && state.can({ type: 'RUN', config });
  const primary = primaryAction(state, canPause, changed);
  const canStep = config !== undefined && state.can({ type: 'STEP', config });
  const busy = state.matches('compiling');

  return (
    <div className="run-controls" role="toolbar" aria-label="Run controls">
      <div className="control-group">
        <button
          type="button"
          className={`button ${primary.kind === 'pause' ? '' : 'primary'} run-button`}
          onClick={onToggle}
          disabled={busy || !config}
          data-testid="run-button"
          title={`${primary.label} (Space)`}
        >
          <Icon kind={primary.kind} />
          {primary.label}
          <kbd>Space</kbd>
        </button>
        <button
          type="button"
          className="button"
          onClick={onStep}
          disabled={!canStep}
          data-testid="step-button"
          title="Step to the next event (.)"
        >
          <Icon kind="step" />
          Step
          <kbd>.</kbd>
        </button>
        <button
          type="button"
          className="button"
          onClick={onRestart}
          disabled={busy || !config}
          data-testid="restart-button"
          title={`Recompile and run again from 0 with the same seed (${rerunKeys})`}
        >
          <Icon kind="restart" />
          Restart
          <kbd>{rerunKeys}</kbd>
        </button>
      </div>
      <div className="control-group">
        <label className="field">
          <span>Speed</span>
          <select value={String(speed)} onChange={(e) => onSpeed(Number(e.target.value))} data-testid="speed">
            {SPEEDS.map((s) => (
              <option key={s} value={String(s)}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field" title="The run's randomness. The same seed replays the same run exactly.">
          <span>Seed</span>
          <input
            type="number"
            min={0}
            value={seed}
            data-testid="seed"
            onChange={(e) => {
              const next = Number.parseInt(e.target.value, 10);
              if (Number.isFinite(next) && next >= 0) onSeed(next);
            }}
          />
        </label>
        <button
          type="button"
          className="button check-button"
          onClick={onCheck}
          disabled={!config || checking}
          data-testid="check-button"
          title="Run the lesson's checks against your code over many seeds"
        >
          <Icon kind="check" />
          {checking ? 'Checking…' : 'Check'}
        </button>
      </div>
    </div>
  );
}

type Primary = { kind: 'play' | 'pause' | 'replay'; label: string };

function primaryAction(state: RunState, canPause: boolean, changed: boolean): Primary {
  if (state.matches('running'))
    return changed ? { kind: 'play', label: 'Run changes' } : { kind: 'pause', label: 'Pause' };
  if (canPause) return { kind: 'pause', label: 'Pause' };
  if (state.matches('finished') && !changed) return { kind: 'replay', label: 'Replay' };
  if (state.matches('paused') && !changed) return { kind: 'play', label: 'Run' };
  return { kind: 'play', label: 'Run' };
}

function Icon({ kind }: { kind: 'play' | 'pause' | 'replay' | 'step' | 'restart' | 'check' }) {
  const paths = {
    check: (
      <path
        d="M3 8.5 6.5 12 13 4.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    ),
    play: <path d="M5 3.5v9l7.5-4.5Z" fill="currentColor" />,
    pause: <path d="M4.5 3.5h2.5v9H4.5Zm4.5 0h2.5v9H9Z" fill="currentColor" />,
    replay: (
      <path
        d="M3 8a5 5 0 1 0 1.6-3.7M3 3v2.8h2.8"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    ),
    step: <path d="M3.5 3.5v9l6-4.5Zm7.5 0h2v9h-2Z" fill="currentColor" />,
    restart: (
      <path
        d="M13 8a5 5 0 1 1-1.6-3.7M13 3v2.8h-2.8"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    ),
  };
  return (
    <svg className="button-icon" viewBox="0 0 16 16" aria-hidden="true">
      {paths[kind]}
    </svg>
  );
}
