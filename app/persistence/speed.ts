/** The playback speed the learner picked for a lesson; absent means "the lesson's default". */
import { readJson, writeJson } from './localStore';

const key = (lessonId: string) => `speed:${lessonId}`;
// Stored as text: JSON has no Infinity, and "Max" is FAST_FORWARD = Infinity.
const isString = (value: unknown): value is string => typeof value === 'string';

export function loadSpeed(lessonId: string, allowed: readonly number[]): number | undefined {
  const saved = readJson(key(lessonId), isString);
  if (saved === undefined) return undefined;
  const speed = Number(saved);
  return allowed.includes(speed) ? speed : undefined;
}

export function saveSpeed(lessonId: string, speed: number): void {
  writeJson(key(lessonId), String(speed));
}
