/**
 * Light, dark, or whatever the OS says. The choice is written to `<html data-theme>` (the palette in
 * styles/theme.css keys off it) and saved; `system` removes the attribute so the media query decides.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { loadTheme, saveTheme, type ThemeChoice } from '../persistence/theme';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();
let choice: ThemeChoice = 'system';

export function applyTheme(next: ThemeChoice): void {
  choice = next;
  if (next === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', next);
  for (const listener of listeners) listener();
}

/** Called once before the first render, so the page never flashes the wrong palette. */
export function initTheme(): void {
  applyTheme(loadTheme());
  darkQuery().addEventListener('change', () => listeners.forEach((listener) => listener()));
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The palette in force now, after resolving `system`. */
export function resolvedTheme(): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return darkQuery().matches ? 'dark' : 'light';
}

export function useTheme(): { resolved: 'light' | 'dark'; toggle(): void } {
  const resolved = useSyncExternalStore(subscribe, resolvedTheme);
  const toggle = useCallback(() => {
    const next = resolvedTheme() === 'dark' ? 'light' : 'dark';
    saveTheme(next);
    applyTheme(next);
  }, []);
  return { resolved, toggle };
}
