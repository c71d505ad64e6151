/**
 * The Stats tab: each budget of the exercise's checks, the learner's run (its worst seed) beside the target,
 * the reference solution's figure and their personal best, with a bar that puts the four on one scale.
 */
import { fixed } from '../../../workers/kernel/checks/format';
import type { BudgetRow } from '../../check/budgetRows';
import type { BudgetBests } from '../../persistence/budgetBests';
import { RUN_BUTTONS, STATS_WORDS } from '../../ui/labels';
import './stats.css';

interface Props {
  rows: BudgetRow[] | undefined;
  bests: BudgetBests;
  /** The Check is running (its figures are on the way). */
  running: boolean;
}

const figure = (value: number) => (Number.isNaN(value) ? STATS_WORDS.nothing : fixed(value, 2));

/** Positions on one scale (0-100%) from 0 to a little past the largest figure. */
function scale(row: BudgetRow, best: number | undefined) {
  const figures = [row.worst, row.limit, row.reference, best ?? NaN].filter(Number.isFinite);
  const top = Math.max(...figures, 0) * 1.15 || 1;
  return (v: number) => `${Math.min(100, Math.max(0, (v / top) * 100))}%`;
}

function StatsRow({ row, best }: { row: BudgetRow; best: number | undefined }) {
  const ok = row.passedSeeds === row.seeds;
  const at = scale(row, best);
  const bound = row.better === 'lower' ? STATS_WORDS.atMost : STATS_WORDS.atLeast;
  return (
    <tr className={ok ? 'passed' : 'failed'} data-testid="stats-row">
      <th scope="row">
        <span className="stats-name">{row.name}</span>
        <span className="stats-unit">{row.unit}</span>
        <span className="stats-bar" aria-hidden="true">
          {Number.isFinite(row.worst) && (
            <span className="stats-bar-yours" style={{ width: at(row.worst) }} />
          )}
          <span className="stats-tick stats-tick-limit" style={{ left: at(row.limit) }} />
          <span className="stats-tick stats-tick-reference" style={{ left: at(row.reference) }} />
          {best !== undefined && <span className="stats-tick stats-tick-best" style={{ left: at(best) }} />}
        </span>
      </th>
      <td data-testid="stats-yours">
        <span className="stats-mark" aria-label={ok ? 'within the target' : 'over the target'}>
          {ok ? '✓' : '✕'}
        </span>{' '}
        {figure(row.worst)}
        <span className="stats-note">
          {ok
            ? `${STATS_WORDS.yoursNote} of ${row.seeds} (seed ${row.worstSeed}), median ${fixed(row.median, 2)}`
            : `off target on ${row.seeds - row.passedSeeds} of ${row.seeds} seeds; worst: seed ${row.worstSeed}`}
        </span>
      </td>
      <td data-testid="stats-target">
        {bound} {fixed(row.limit, 2)}
      </td>
      <td data-testid="stats-reference">{fixed(row.reference, 2)}</td>
      <td data-testid="stats-best">{best === undefined ? STATS_WORDS.noBest : fixed(best, 2)}</td>
    </tr>
  );
}

export function StatsPanel({ rows, bests, running }: Props) {
  const kept = Object.entries(bests);
  if (!rows || running)
    return (
      <div className="stats-empty" data-testid="stats-empty">
        <p>
          {running ? 'Measuring… ' : ''}Press <strong>{RUN_BUTTONS.check}</strong>: each budget of this
          exercise (cost, latency, retries) is measured on every seed and shown here beside its target and the
          reference solution’s figure.
        </p>
        {kept.length > 0 && (
          <ul className="stats-bests" aria-label={STATS_WORDS.best} data-testid="stats-bests">
            {kept.map(([name, b]) => (
              <li key={name}>
                {STATS_WORDS.best}, {name}: <strong>{fixed(b.value, 2)}</strong>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  if (rows.length === 0)
    return (
      <p className="stats-empty" data-testid="stats-none">
        {STATS_WORDS.noBudgets}
      </p>
    );
  return (
    <div className="stats" data-testid="stats">
      <table>
        <thead>
          <tr>
            <th scope="col">{STATS_WORDS.budget}</th>
            <th scope="col">
              {STATS_WORDS.yours} <span className="stats-legend stats-legend-yours" aria-hidden="true" />
            </th>
            <th scope="col">
              {STATS_WORDS.target} <span className="stats-legend stats-tick-limit" aria-hidden="true" />
            </th>
            <th scope="col">
              {STATS_WORDS.reference}{' '}
              <span className="stats-legend stats-tick-reference" aria-hidden="true" />
            </th>
            <th scope="col">
              {STATS_WORDS.best} <span className="stats-legend stats-tick-best" aria-hidden="true" />
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <StatsRow key={row.name} row={row} best={bests[row.name]?.value} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
