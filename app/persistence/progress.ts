/** Lesson progress as the course map shows it, saved per lesson. */
import { readJson, writeJson } from './localStore';

export interface SavedProgress {
  /** 0-based step the learner was on. */
  step: number;
  /** Steps seen at least once (0-based). */
  visited: number[];
  /** The learner ran the system at least once to its end. */
  ranToEnd: boolean;
  /** The learner reached the last step after a full run: the lesson counts as done. */
  completed: boolean;
}

const key = (lessonId: string) => `progress:${lessonId}`;

function isSavedProgress(value: unknown): value is SavedProgress {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.step === 'number' &&
    Array.isArray(v.visited) &&
    v.visited.every((s) => typeof s === 'number') &&
    typeof v.ranToEnd === 'boolean' &&
    typeof v.completed === 'boolean'
  );
}

export function loadProgress(lessonId: string): SavedProgress | undefined {
  return readJson(key(lessonId), isSavedProgress);
}

export function saveProgress(lessonId: string, progress: SavedProgress): void {
  writeJson(key(lessonId), progress);
}
