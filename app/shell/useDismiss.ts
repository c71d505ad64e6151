import { useEffect, type RefObject } from 'react';

/** A popover closes on Escape or a press outside `box`, like a menu. */
export function useDismiss(open: boolean, box: RefObject<HTMLElement | null>, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onEvent = (e: PointerEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) close();
    };
    window.addEventListener('pointerdown', onEvent);
    window.addEventListener('keydown', onEvent);
    return () => {
      window.removeEventListener('pointerdown', onEvent);
      window.removeEventListener('keydown', onEvent);
    };
  }, [open, box, close]);
}
