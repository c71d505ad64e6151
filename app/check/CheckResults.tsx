import type { CheckResult } from '../../workers/host/headless';
import { tidyNumbers } from '../format/time';
import type { CheckOutcome, CheckProgress } from './runChecks';

interface Props {
  outcome: CheckOutcome | undefined;
  running: boolean;
  progress?: CheckProgress | undefined;
  onReplaySeed(seed: number): void;
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

export function CheckResults({ outcome, running, progress, onReplaySeed }: Props) {
  if (running)
    return (
      <div className="checks-empty" data-testid="check-progress">
        <p>{progress ? `Checked ${progress.done} of ${progress.total} seeds…` : 'Starting the checks…'}</p>
        <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label="Seeds checked" />
      </div>
    );
  if (!outcome)
    return (
      <p className="checks-empty">
        Press <strong>Check</strong> to run this lesson’s checks against your code over many seeds.
      </p>
    );
  if (outcome.kind === 'failed')
    return <p className="checks-empty danger">The checks could not finish: {outcome.reason}</p>;
  if (outcome.kind === 'compile-errors')
    return <p className="checks-empty danger">The code does not compile: {outcome.errors[0]?.message}</p>;
  const rows = verdicts(outcome.results);
  const allPassed = rows.every((r) => r.failures.length === 0);
  return (
    <div className="checks" data-testid="check-results">
      <p className={`checks-summary ${allPassed ? 'ok' : 'danger'}`}>
        {allPassed
          ? `All ${rows.length} checks passed on ${outcome.seeds.length} seeds.`
          : `${rows.filter((r) => r.failures.length > 0).length} of ${rows.length} checks failed.`}
      </p>
      <ul>
        {rows.map((row) => {
          const failure = row.failures[0];
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
                    <button type="button" className="link-button" onClick={() => onReplaySeed(failure.seed)}>
                      Replay seed {failure.seed}
                    </button>
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
