import { useState } from 'react';
import type { RunConfig } from '../../workers/host/control-api';
import { SPEEDS, speedLabel } from '../engine/playback';
import {
  selectBusy,
  selectCanStep,
  selectCanStepBack,
  selectPrimaryAction,
  type PrimaryAction,
  type RunState,
} from '../machines/runSelectors';
import { RUN_BUTTONS, RUN_FIELDS } from '../ui/labels';

interface Props {
  state: RunState;
  config: RunConfig | undefined;
  speed: number;
  seed: number;
  onToggle(): void;
  onStep(): void;
  onStepBack(): void;
  onRestart(): void;
  onSpeed(speed: number): void;
  onSeed(seed: number): void;
  /** Run the lesson's checkers over many seeds (absent: the exercise has no checks, no button). */
  onCheck?: (() => void) | undefined;
  checking: boolean;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const rerunKeys = isMac ? '⌘↵' : 'Ctrl+↵';

const primaryLook: Record<PrimaryAction, { icon: 'play' | 'pause' | 'replay'; label: string }> = {
  run: { icon: 'play', label: RUN_BUTTONS.run },
  'run-changes': { icon: 'play', label: RUN_BUTTONS.runChanges },
  pause: { icon: 'pause', label: RUN_BUTTONS.pause },
  replay: { icon: 'replay', label: RUN_BUTTONS.replay },
};

/** Run, pause, step, restart; speed and seed. Every button says its key. */
export function RunControls({
  state,
  config,
  speed,
  seed,
  onToggle,
  onStep,
  onStepBack,
  onRestart,
  onSpeed,
  onSeed,
  onCheck,
  checking,
}: Props) {
  const action = selectPrimaryAction(state, config);
  const primary = primaryLook[action];
  const busy = selectBusy(state);

  return (
    <div className="run-controls" role="toolbar" aria-label="Run controls">
      <div className="control-group">
        <button
          type="button"
          className={`button ${action === 'pause' ? '' : 'primary'} run-button`}
          onClick={onToggle}
          disabled={busy || !config}
          data-testid="run-button"
          data-action={action}
          title={`${primary.label} (Space)`}
        >
          <Icon kind={primary.icon} />
          {primary.label}
          <kbd>Space</kbd>
        </button>
        <button
          type="button"
          className="button icon-only"
          onClick={onStepBack}
          disabled={!selectCanStepBack(state)}
          data-testid="step-back-button"
          aria-label={RUN_BUTTONS.stepBack}
          title="Step back to the previous event (,)"
        >
          <Icon kind="back" />
        </button>
        <button
          type="button"
          className="button"
          onClick={onStep}
          disabled={!selectCanStep(state, config)}
          data-testid="step-button"
          title="Step to the next event (.)"
        >
          <Icon kind="step" />
          {RUN_BUTTONS.step}
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
          {RUN_BUTTONS.restart}
          <kbd>{rerunKeys}</kbd>
        </button>
      </div>
      <div className="control-group">
        <label className="field">
          <span>{RUN_FIELDS.speed}</span>
          <select value={String(speed)} onChange={(e) => onSpeed(Number(e.target.value))} data-testid="speed">
            {SPEEDS.map((s) => (
              <option key={s} value={String(s)}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <SeedField seed={seed} onSeed={onSeed} />
        {onCheck && (
          <button
            type="button"
            className="button check-button"
            onClick={onCheck}
            disabled={!config || checking}
            data-testid="check-button"
            title="Run the lesson's checks against your code over many seeds"
          >
            <Icon kind="check" />
            {checking ? 'Checking…' : RUN_BUTTONS.check}
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * The seed as text the learner owns while typing (it may be empty, or half a number); a new run starts
 * only on Enter or when the field loses focus, never per keystroke. Escape puts the run's seed back.
 */
function SeedField({ seed, onSeed }: { seed: number; onSeed(seed: number): void }) {
  const [draft, setDraft] = useState<string | undefined>();
  const commit = () => {
    if (draft === undefined) return;
    const next = Number.parseInt(draft, 10);
    setDraft(undefined);
    if (Number.isFinite(next) && next >= 0 && next !== seed) onSeed(next);
  };
  return (
    <label className="field" title="The run's randomness. The same seed replays the same run exactly.">
      <span>{RUN_FIELDS.seed}</span>
      <input
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        value={draft ?? String(seed)}
        data-testid="seed"
        onChange={(e) => setDraft(e.target.value.replace(/[^0-9]/g, ''))}
        onBlur={commit}
        onKeyDown={(e) => {
          // The page's shortcuts (Space, ., Ctrl+Enter) must not fire while typing a seed.
          e.stopPropagation();
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(undefined);
        }}
      />
    </label>
  );
}

function Icon({ kind }: { kind: 'play' | 'pause' | 'replay' | 'step' | 'back' | 'restart' | 'check' }) {
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
    back: <path d="M12.5 3.5v9l-6-4.5ZM5 3.5H3v9h2Z" fill="currentColor" />,
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
