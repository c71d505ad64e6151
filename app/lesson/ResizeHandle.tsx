import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { readJson, writeJson } from '../persistence/localStore';

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A pane size in px, clamped, remembered across visits. `initial` may depend on the window's size. */
export function usePaneSize(key: string, initial: number | (() => number), min: number, max: number) {
  const [size, setSize] = useState(
    () => readJson(`pane:${key}`, isNumber) ?? (typeof initial === 'function' ? initial() : initial),
  );
  const clamp = useCallback((v: number) => Math.round(Math.min(max, Math.max(min, v))), [min, max]);
  const set = useCallback(
    (v: number) => {
      const next = clamp(v);
      setSize(next);
      writeJson(`pane:${key}`, next);
    },
    [clamp, key],
  );
  return [clamp(size), set] as const;
}

interface Props {
  /** `vertical` is a bar between columns (drag sideways); `horizontal` between rows. */
  orientation: 'vertical' | 'horizontal';
  size: number;
  /** +1 when dragging right/down grows the pane, -1 when it shrinks it. */
  direction: 1 | -1;
  onResize(size: number): void;
  label: string;
}

/** A drag handle between panes, also movable with the arrow keys. */
export function ResizeHandle({ orientation, size, direction, onResize, label }: Props) {
  const start = useRef<{ pointer: number; size: number } | null>(null);
  const axis = (e: { clientX: number; clientY: number }) =>
    orientation === 'vertical' ? e.clientX : e.clientY;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = { pointer: axis(e), size };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (start.current) onResize(start.current.size + direction * (axis(e) - start.current.pointer));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const grow =
      orientation === 'vertical' ? { ArrowRight: 1, ArrowLeft: -1 } : { ArrowDown: 1, ArrowUp: -1 };
    const sign = grow[e.key as keyof typeof grow];
    if (sign === undefined) return;
    e.preventDefault();
    onResize(size + sign * direction * 24);
  };

  return (
    <div
      className={`resize-handle ${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={size}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (start.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}
