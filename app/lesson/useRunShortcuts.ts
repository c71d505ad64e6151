import { useEffect } from 'react';

interface Shortcuts {
  toggle(): void;
  step(): void;
  stepBack(): void;
  restart(): void;
}

/** Space and `.` belong to whatever has focus when it takes text (inputs, the editor). */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('.monaco-editor') !== null
  );
}

/** Space: run or pause. `.` / `,`: step one event forward / back. Ctrl/Cmd+Enter: recompile and rerun (the editor binds it too). */
export function useRunShortcuts({ toggle, step, stepBack, restart }: Shortcuts): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        restart();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      // A focused button would also click on Space: let the shortcut win, once.
      if (e.key === ' ') {
        e.preventDefault();
        toggle();
      } else if (e.key === '.') {
        e.preventDefault();
        step();
      } else if (e.key === ',') {
        e.preventDefault();
        stepBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle, step, stepBack, restart]);
}
