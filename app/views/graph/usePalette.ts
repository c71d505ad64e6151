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
const ROLE_COLOURS = 8;

const names = ['bg', 'fg', 'muted', 'panel', 'border', 'accent', 'ok', 'warn', 'danger'] as const;

/**
 * The palette's colours, resolved. The custom properties hold `light-dark(...)` (theme.css is the one home
 * of the palette), which only a property that takes a colour resolves: so each is read through a hidden
 * probe's `color`.
 */
function read(el: Element): Palette {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  el.appendChild(probe);
  const resolve = (name: string) => {
    probe.style.color = `var(${name}, currentColor)`;
    return getComputedStyle(probe).color;
  };
  const base = Object.fromEntries(names.map((n) => [n, resolve(`--${n}`)])) as Record<
    (typeof names)[number],
    string
  >;
  const palette: Palette = {
    ...base,
    roles: Array.from({ length: ROLE_COLOURS }, (_, i) => resolve(`--role-${i}`)),
    types: Array.from({ length: TYPE_COLOURS }, (_, i) => resolve(`--type-${i}`)),
  };
  probe.remove();
  return palette;
}

/** Before the first read (no element yet): neutral greys, never a second copy of the palette. */
const UNREAD: Palette = {
  ...(Object.fromEntries(names.map((n) => [n, '#888888'])) as Record<(typeof names)[number], string>),
  roles: Array.from({ length: ROLE_COLOURS }, () => '#888888'),
  types: Array.from({ length: TYPE_COLOURS }, () => '#888888'),
};

export function usePalette(ref: RefObject<Element | null>): Palette {
  const [palette, setPalette] = useState(UNREAD);
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
