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

/** What has loaded, tagged with the exercise it belongs to. */
interface Loaded {
  id: string;
  starters: Record<string, string>;
  sources: Record<string, string>;
}

export function useLessonCode(lesson: LessonEntry): LessonCode {
  const [loaded, setLoaded] = useState<Loaded>();

  useEffect(() => {
    let live = true;
    void loadRoleSources(lesson, 'roles').then((roles) => {
      if (!live) return;
      setLoaded({
        id: lesson.id,
        starters: Object.fromEntries(roles.map((r) => [r.role, r.source])),
        sources: Object.fromEntries(roles.map((r) => [r.role, loadEdit(lesson.id, r.role) ?? r.source])),
      });
    });
    return () => {
      live = false;
    };
  }, [lesson]);

  // Code of another exercise (a step with its own) is never shown or run while this one loads.
  const current = loaded?.id === lesson.id ? loaded : undefined;
  const starters = current?.starters;

  const setSource = useCallback(
    (role: string, source: string) => {
      setLoaded((prev) => prev && { ...prev, sources: { ...prev.sources, [role]: source } });
      if (starters?.[role] === source) resetEdit(lesson.id, role);
      else saveEdit(lesson.id, role, source);
    },
    [lesson.id, starters],
  );

  const reset = useCallback(
    (role: string) => {
      resetEdit(lesson.id, role);
      const starter = starters?.[role];
      if (starter !== undefined) {
        setLoaded((prev) => prev && { ...prev, sources: { ...prev.sources, [role]: starter } });
      }
    },
    [lesson.id, starters],
  );

  return { sources: current?.sources, starters, setSource, reset };
}
