/**
 * Theme colours for canvas drawing (the graph's messages, the sequence diagram). SVG and HTML use the CSS
 * custom properties directly; a canvas cannot, so we read them once and again whenever the theme changes
 * (data-theme/class/style on <html>, or the OS colour scheme). Every canvas reads the same --type-k, so a
 * message type keeps its colour in every view.
 */
import { useEffect, useState, type RefObject } from 'react';

export interface Palette {
  bg: string;
  fg: string;
  muted: string;
  panel: string;
  border: string;
  accent: string;
  ok: string;
  warn: string;
  danger: string;
  roles: string[];
  types: string[];
}

export const TYPE_COLOURS = 10;

const FALLBACK: Palette = {
  bg: '#f6f6f3',
  fg: '#1c1e22',
  muted: '#666c76',
  panel: '#ffffff',
  border: '#e3e3de',
  accent: '#4263eb',
  ok: '#2b8a3e',
  warn: '#d9480f',
  danger: '#d6336c',
  roles: ['#4263eb', '#0ca678', '#f08c00', '#ae3ec9', '#e8590c', '#1098ad', '#d6336c', '#5c940d'],
  types: [
    '#4e79a7',
    '#f28e2b',
    '#59a14f',
    '#b07aa1',
    '#c9a227',
    '#76b7b2',
    '#9c755f',
    '#8cd17d',
    '#86bcb6',
    '#bab0ac',
  ],
};

function read(el: Element): Palette {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--bg', FALLBACK.bg),
    fg: v('--fg', FALLBACK.fg),
    muted: v('--muted', FALLBACK.muted),
    panel: v('--panel', FALLBACK.panel),
    border: v('--border', FALLBACK.border),
    accent: v('--accent', FALLBACK.accent),
    ok: v('--ok', FALLBACK.ok),
    warn: v('--warn', FALLBACK.warn),
    danger: v('--danger', FALLBACK.danger),
    roles: FALLBACK.roles.map((c, i) => v(`--role-${i}`, c)),
    types: FALLBACK.types.map((c, i) => v(`--type-${i}`, c)),
  };
}

export function usePalette(ref: RefObject<Element | null>): Palette {
  const [palette, setPalette] = useState(FALLBACK);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setPalette(read(el));
    update();
    const mo = new MutationObserver(update);
    mo.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'class', 'style'],
    });
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', update);
    return () => {
      mo.disconnect();
      mq.removeEventListener('change', update);
    };
  }, [ref]);
  return palette;
}

/** The colour of a message type: by the order types were first sent, so colours never reshuffle. */
export function typeColour(palette: Palette, types: readonly string[], type: string): string {
  const i = types.indexOf(type);
  return palette.types[(i < 0 ? 0 : i) % TYPE_COLOURS] ?? palette.accent;
}
