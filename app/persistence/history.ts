/**
 * The seam for a history of the learner's code (issue 13 makes it an IndexedDB history with a list to go
 * back to). Until then a recorded version is the last one kept per exercise and role, in localStorage, so
 * the code from before an applied solution can always be found again, besides editor undo.
 */
import { readJson, writeJson } from './localStore';

export interface CodeVersion {
  source: string;
  /** Why this version was recorded, e.g. "before applying the solution". */
  reason: string;
}

const key = (exerciseId: string, role: string) => `history:${exerciseId}:${role}`;

const isVersion = (v: unknown): v is CodeVersion =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as CodeVersion).source === 'string' &&
  typeof (v as CodeVersion).reason === 'string';

/** Record a version of a role's code that the learner may want back. */
export function recordVersion(exerciseId: string, role: string, source: string, reason: string): void {
  writeJson(key(exerciseId, role), { source, reason } satisfies CodeVersion);
}

/** The last version recorded for a role, if any. */
export function lastRecordedVersion(exerciseId: string, role: string): CodeVersion | undefined {
  return readJson(key(exerciseId, role), isVersion);
}
