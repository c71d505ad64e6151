/** The learner's colour scheme choice; `system` follows the OS. */
import { readJson, writeJson } from './localStore';

export type ThemeChoice = 'system' | 'light' | 'dark';

const isThemeChoice = (value: unknown): value is ThemeChoice =>
  value === 'system' || value === 'light' || value === 'dark';

export function loadTheme(): ThemeChoice {
  return readJson('theme', isThemeChoice) ?? 'system';
}

export function saveTheme(choice: ThemeChoice): void {
  writeJson('theme', choice);
}
