/**
 * Theme colours for canvas drawing. SVG and HTML use the CSS custom properties directly; a canvas cannot,
 * so we read them once and again whenever the theme changes (data-theme/class on <html>, or the OS scheme).
 */
import { useEffect, useState, type RefObject } from 'react';

export interface Palette {
  fg: string;
  muted: string;
  panel: string;
  danger: string;
  accent: string;
  types: string[];
}

export const TYPE_COLOURS = 10;

const FALLBACK: Palette = {
  fg: '#1f2328',
  muted: '#6b7280',
  panel: '#ffffff',
  danger: '#d6454b',
  accent: '#3b6fd8',
  types: [
    '#4e79a7',
    '#f28e2b',
    '#59a14f',
    '#b07aa1',
    '#edc948',
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
    fg: v('--fg', FALLBACK.fg),
    muted: v('--muted', FALLBACK.muted),
    panel: v('--panel', FALLBACK.panel),
    danger: v('--danger', FALLBACK.danger),
    accent: v('--accent', FALLBACK.accent),
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
