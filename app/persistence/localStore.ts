/**
 * A small typed wrapper over localStorage. Storage can be full, disabled (private mode) or hold garbage from
 * an older version: every failure degrades to "nothing saved" instead of breaking the page.
 */
const prefix = 'dpp:v1:';

export function readJson<T>(key: string, isValid: (value: unknown) => value is T): T | undefined {
  try {
    const raw = window.localStorage.getItem(prefix + key);
    if (raw === null) return undefined;
    const value: unknown = JSON.parse(raw);
    return isValid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(prefix + key, JSON.stringify(value));
  } catch {
    // Quota or privacy mode: the edit stays in memory for this visit.
  }
}

export function removeKey(key: string): void {
  try {
    window.localStorage.removeItem(prefix + key);
  } catch {
    // Nothing to do: storage is unavailable.
  }
}
