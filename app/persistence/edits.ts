/** The learner's code, per lesson and role. Absent means "the starter code". */
import { readJson, removeKey, writeJson } from './localStore';

const key = (lessonId: string, role: string) => `edit:${lessonId}:${role}`;
const isString = (value: unknown): value is string => typeof value === 'string';

export function loadEdit(lessonId: string, role: string): string | undefined {
  return readJson(key(lessonId, role), isString);
}

export function saveEdit(lessonId: string, role: string, source: string): void {
  writeJson(key(lessonId, role), source);
}

/** Back to the starter code. */
export function resetEdit(lessonId: string, role: string): void {
  removeKey(key(lessonId, role));
}
