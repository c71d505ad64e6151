/**
 * The learner's personal best per budget of an exercise: the best worst-seed figure any Check of theirs
 * reached. Kept in the same IndexedDB store as their code (one record per exercise), so an export or a
 * cleared site loses both or neither.
 */
import { get, update } from 'idb-keyval';
import { codeStore } from './codeStore';
import { isWorse, type BudgetRow } from '../check/budgetRows';

export interface BudgetBest {
  value: number;
  /** When it was reached (the learner's clock: for "since"). */
  at: number;
}

/** Budget name -> best. */
export type BudgetBests = Record<string, BudgetBest>;

const bestKey = (exerciseId: string) => `best\u0000${exerciseId}`;

/** `bests` improved by one Check's rows (a figure of NaN never counts). Pure: the transaction calls it. */
export function improveBests(bests: BudgetBests, rows: readonly BudgetRow[], at: number): BudgetBests {
  const next: BudgetBests = { ...bests };
  for (const row of rows) {
    if (Number.isNaN(row.worst)) continue;
    const old = next[row.name];
    if (!old || isWorse(old.value, row.worst, row.better)) next[row.name] = { value: row.worst, at };
  }
  return next;
}

export async function readBests(exerciseId: string): Promise<BudgetBests> {
  try {
    return (await get<BudgetBests>(bestKey(exerciseId), codeStore())) ?? {};
  } catch {
    // Storage disabled (some private modes): the panel still shows this Check's figures.
    return {};
  }
}

/** Record one Check's figures; resolves to the bests as stored (one read-modify-write transaction). */
export async function recordBests(exerciseId: string, rows: readonly BudgetRow[]): Promise<BudgetBests> {
  let out: BudgetBests = {};
  try {
    await update<BudgetBests>(
      bestKey(exerciseId),
      (old) => (out = improveBests(old ?? {}, rows, Date.now())),
      codeStore(),
    );
  } catch {
    out = improveBests({}, rows, Date.now());
  }
  return out;
}
