import type { CheckResult } from '../../workers/host/headless';
import type { FaultSpec } from '../../workers/kernel/protocol';
import { formatMs, tidyNumbers } from '../format/time';
import { RUN_BUTTONS } from '../ui/labels';
import type { CheckOutcome, CheckProgress } from './runChecks';

interface Props {
  outcome: CheckOutcome | undefined;
  /** There was an outcome, but for code that has changed since. */
  stale?: boolean;
  running: boolean;
  progress?: CheckProgress | undefined;
  /**
   * Open the failing seed, at the violation when the check says where it was; `schedule` is the seed's
   * shrunk nemesis schedule to replay it with (the failure is then the shrunk run's).
   */
  onReplay(failure: CheckResult, schedule?: FaultSpec[]): void;
}

interface Verdict {
  name: string;
  kind: CheckResult['kind'];
  passedSeeds: number;
  failures: CheckResult[];
}

/** One row per checker: passed on every seed, or the first failure with its reason and seed to replay. */
function verdicts(results: CheckResult[]): Verdict[] {
  const byName = new Map<string, Verdict>();
  for (const r of results) {
    const v = byName.get(r.name) ?? { name: r.name, kind: r.kind, passedSeeds: 0, failures: [] };
    if (r.passed) v.passedSeeds++;
    else v.failures.push(r);
    byName.set(r.name, v);
  }
  return [...byName.values()];
}

export function CheckResults({ outcome, stale, running, progress, onReplay }: Props) {
  if (running)
    return (
      <div className="checks-empty" data-testid="check-progress">
        <p>{progress ? `Checked ${progress.done} of ${progress.total} seeds…` : 'Starting the checks…'}</p>
        <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label="Seeds checked" />
      </div>
    );
  if (!outcome)
    return (
      <p className="checks-empty" data-testid="checks-empty">
        {stale && 'The code changed since the last check. '}
        Press <strong>{RUN_BUTTONS.check}</strong> to run this lesson’s checks against your code over many
        seeds.
      </p>
    );
  if (outcome.kind === 'failed')
    return <p className="checks-empty danger">The checks could not finish: {outcome.reason}</p>;
  if (outcome.kind === 'compile-errors') {
    const [first] = outcome.errors;
    return (
      <p className="checks-empty danger" data-testid="check-compile-errors">
        The code does not compile, so nothing was checked:{' '}
        {first && (
          <>
            <code>
              {first.file}:{first.line}
              {first.column !== undefined ? `:${first.column}` : ''}
            </code>{' '}
            {first.message}
          </>
        )}
        {outcome.errors.length > 1 && ` (and ${outcome.errors.length - 1} more)`}
      </p>
    );
  }
  const rows = verdicts(outcome.results);
  const allPassed = rows.every((r) => r.failures.length === 0);
  return (
    <div
      className="checks"
      data-testid="check-results"
      data-workers-started={outcome.workersStarted}
      data-sealed-seeds={outcome.sealedSeeds}
    >
      <p className={`checks-summary ${allPassed ? 'ok' : 'danger'}`}>
        {allPassed
          ? `All ${rows.length} checks passed on ${outcome.seeds.length} seeds.`
          : `${rows.filter((r) => r.failures.length > 0).length} of ${rows.length} checks failed.`}
      </p>
      <ul>
        {rows.map((row) => {
          const first = row.failures[0];
          const shrunk =
            outcome.shrunk && first?.seed === outcome.shrunk.seed && row.name === outcome.shrunk.check
              ? outcome.shrunk
              : undefined;
          const shrinking =
            outcome.shrinking &&
            first?.seed === outcome.shrinking.seed &&
            row.name === outcome.shrinking.check;
          // Shown as the shrunk run fails: that is the run the replay opens.
          const failure = shrunk?.result ?? first;
          return (
            <li key={row.name} className={failure ? 'failed' : 'passed'}>
              <span className="check-mark" aria-label={failure ? 'failed' : 'passed'}>
                {failure ? '✕' : '✓'}
              </span>
              <div>
                <p className="check-name">
                  {row.name} <span className="check-kind">{row.kind}</span>
                </p>
                {failure ? (
                  <p className="check-reason">
                    Seed {failure.seed}: {tidyNumbers(failure.reason)}{' '}
                    {row.failures.length > 1 && `(failed on ${row.failures.length} seeds) `}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onReplay(failure, shrunk?.schedule)}
                      data-testid="replay-failure"
                    >
                      Replay seed {failure.seed}
                      {failure.at !== undefined && ` at ${formatMs(failure.at)}`}
                    </button>
                    {shrinking && (
                      <span className="check-shrunk" data-testid="shrinking-faults">
                        {' '}
                        Finding the fewest of this seed’s faults that still fail it…
                      </span>
                    )}
                    {shrunk && (
                      <span
                        className="check-shrunk"
                        data-testid="shrunk-faults"
                        data-drawn={shrunk.drawn}
                        data-faults={shrunk.faults}
                      >
                        {' '}
                        It still fails with {shrunk.faults} of the {shrunk.drawn} faults drawn for this seed
                        {shrunk.faults < shrunk.drawn ? ': the replay keeps only those.' : '.'}
                      </span>
                    )}
                  </p>
                ) : (
                  <p className="check-reason">Held on all {row.passedSeeds} seeds.</p>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
