/**
 * The open sandbox's record (name and scenario) as the form edits it: memory is the truth for the tab,
 * each change is written to IndexedDB shortly after (one write at a time, the latest wins), before the page
 * goes away, and when the sandbox closes. The save state says "saved" only once a write landed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SaveState } from '../persistence/lessonFiles';
import { writeSandbox, type SandboxRecord } from '../persistence/sandboxStore';

const SAVE_DELAY_MS = 200;

export function useSandboxRecord(initial: SandboxRecord) {
  const [record, setRecord] = useState(initial);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const pending = useRef<SandboxRecord | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    const next = pending.current;
    pending.current = undefined;
    if (!next) return queue.current;
    setSave({ state: 'saving' });
    queue.current = queue.current.then(() =>
      writeSandbox(next).then(
        () => setSave(pending.current ? { state: 'saving' } : { state: 'saved' }),
        (error: unknown) => setSave({ state: 'failed', message: (error as Error).message }),
      ),
    );
    return queue.current;
  }, []);

  /** Change the record: shown at once, written shortly after. */
  const update = useCallback(
    (change: (record: SandboxRecord) => SandboxRecord) => {
      setRecord((current) => {
        const next = { ...change(current), at: Date.now() };
        pending.current = next;
        return next;
      });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  return { record, update, save, flush };
}
