/**
 * The stats panel's data: the budgets of the latest Check (for the code on screen) and the learner's
 * personal bests, read when the exercise opens and improved, in IndexedDB, by each new Check.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CheckOutcome } from '../../check/runChecks';
import { budgetRows, type BudgetRow } from '../../check/budgetRows';
import { readBests, recordBests, type BudgetBests } from '../../persistence/budgetBests';

export function useBudgetStats(
  exerciseId: string,
  outcome: CheckOutcome | undefined,
): { rows: BudgetRow[] | undefined; bests: BudgetBests } {
  // Keyed on the results, not the outcome: a shrunk schedule arriving later changes the outcome only.
  const results = outcome?.kind === 'results' ? outcome.results : undefined;
  const rows = useMemo(() => (results ? budgetRows(results) : undefined), [results]);
  const [bests, setBests] = useState<{ exerciseId: string; bests: BudgetBests }>();
  useEffect(() => {
    let live = true;
    void readBests(exerciseId).then((b) => live && setBests((old) => old ?? { exerciseId, bests: b }));
    return () => {
      live = false;
    };
  }, [exerciseId]);
  useEffect(() => {
    if (!rows || rows.length === 0) return;
    let live = true;
    void recordBests(exerciseId, rows).then((b) => live && setBests({ exerciseId, bests: b }));
    return () => {
      live = false;
    };
  }, [exerciseId, rows]);
  return { rows, bests: bests?.exerciseId === exerciseId ? bests.bests : {} };
}
