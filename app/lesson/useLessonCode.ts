/**
 * The code of every role of a lesson: the learner's edits (saved on every change, so a reload loses
 * nothing) over the starter code, which loads when the lesson opens.
 */
import { useCallback, useEffect, useState } from 'react';
import { loadRoleSources } from '../catalog/catalog';
import type { LessonEntry } from '../catalog/types';
import { loadEdit, resetEdit, saveEdit } from '../persistence/edits';

export interface LessonCode {
  /** Role -> source, once the starters have loaded. */
  sources: Record<string, string> | undefined;
  starters: Record<string, string> | undefined;
  setSource(role: string, source: string): void;
  /** Back to the starter code for this role. */
  reset(role: string): void;
}

export function useLessonCode(lesson: LessonEntry): LessonCode {
  const [starters, setStarters] = useState<Record<string, string>>();
  const [sources, setSources] = useState<Record<string, string>>();

  useEffect(() => {
    let live = true;
    void loadRoleSources(lesson, 'roles').then((loaded) => {
      if (!live) return;
      const starter = Object.fromEntries(loaded.map((r) => [r.role, r.source]));
      setStarters(starter);
      setSources(Object.fromEntries(loaded.map((r) => [r.role, loadEdit(lesson.id, r.role) ?? r.source])));
    });
    return () => {
      live = false;
    };
  }, [lesson]);

  const setSource = useCallback(
    (role: string, source: string) => {
      setSources((prev) => ({ ...prev, [role]: source }));
      if (starters?.[role] === source) resetEdit(lesson.id, role);
      else saveEdit(lesson.id, role, source);
    },
    [lesson.id, starters],
  );

  const reset = useCallback(
    (role: string) => {
      resetEdit(lesson.id, role);
      const starter = starters?.[role];
      if (starter !== undefined) setSources((prev) => ({ ...prev, [role]: starter }));
    },
    [lesson.id, starters],
  );

  return { sources, starters, setSource, reset };
}
