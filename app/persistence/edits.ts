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

const backupKey = (lessonId: string) => `edit-backup:${lessonId}`;
const isSources = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((s) => typeof s === 'string');

/**
 * Set the learner's own edits aside before a shared run replaces them, so they can be restored. An existing
 * backup wins: opening a second link must not put the first link's code where the learner's own was.
 */
export function backupEdits(lessonId: string, roles: readonly string[]): void {
  if (loadBackup(lessonId)) return;
  const own: Record<string, string> = {};
  for (const role of roles) {
    const edit = loadEdit(lessonId, role);
    if (edit !== undefined) own[role] = edit;
  }
  writeJson(backupKey(lessonId), own);
}

/** The learner's code from before a shared run (role -> source; a missing role was the starter). */
export function loadBackup(lessonId: string): Record<string, string> | undefined {
  return readJson(backupKey(lessonId), isSources);
}

export function dropBackup(lessonId: string): void {
  removeKey(backupKey(lessonId));
}
