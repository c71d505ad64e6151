/** Lesson progress as the course map shows it, saved per lesson. */
import { readJson, writeJson } from './localStore';

export interface SavedProgress {
  /** 0-based step the learner was on. */
  step: number;
  /** Steps seen at least once (0-based). */
  visited: number[];
  /** Exercises (the lesson's id, and `<lesson>/step-<n>` for a step's own) whose checks all passed. */
  passed: string[];
  /** Every exercise of the lesson passed its checks: the lesson counts as done. */
  completed: boolean;
}

const key = (lessonId: string) => `progress:${lessonId}`;

const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((s) => typeof s === 'number');
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * Saved progress, normalised. Progress saved before "done means passed" (it has no `passed` list) keeps its
 * step and visited steps, but not its "done": that was given for watching a run end, not for passing.
 */
function read(value: unknown): SavedProgress | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.step !== 'number' || !isNumbers(v.visited)) return undefined;
  if (!isStrings(v.passed)) return { step: v.step, visited: v.visited, passed: [], completed: false };
  return { step: v.step, visited: v.visited, passed: v.passed, completed: v.completed === true };
}

export function loadProgress(lessonId: string): SavedProgress | undefined {
  return read(readJson(key(lessonId), (v): v is unknown => v !== undefined));
}

export function saveProgress(lessonId: string, progress: SavedProgress): void {
  writeJson(key(lessonId), progress);
}
