/**
 * The code of every role of a lesson: the learner's edits (saved on every change, so a reload loses
 * nothing) over the starter code, which loads when the lesson opens. A shared run's code, when the lesson
 * was opened from a share link, replaces them; the learner's own edits are set aside and can be restored.
 */
import { useCallback, useEffect, useState } from 'react';
import { loadRoleSources } from '../catalog/catalog';
import type { LessonEntry } from '../catalog/types';
import { backupEdits, dropBackup, loadBackup, loadEdit, resetEdit, saveEdit } from '../persistence/edits';

export interface LessonCode {
  /** Role -> source, once the starters have loaded. */
  sources: Record<string, string> | undefined;
  starters: Record<string, string> | undefined;
  setSource(role: string, source: string): void;
  /** Back to the starter code for this role. */
  reset(role: string): void;
  /** Whether the learner's code from before a shared run was set aside. */
  hasBackup: boolean;
  /** Bring back the learner's own code from before the shared run. */
  restoreOwn(): void;
  /** Let the set-aside code go (the learner keeps the shared code). */
  forgetOwn(): void;
}

/** What has loaded, tagged with the exercise it belongs to. */
interface Loaded {
  id: string;
  starters: Record<string, string>;
  sources: Record<string, string>;
}

/** `shared`: role -> source of a shared run for this exercise; roles it does not name run their starter. */
export function useLessonCode(lesson: LessonEntry, shared?: Readonly<Record<string, string>>): LessonCode {
  const [loaded, setLoaded] = useState<Loaded>();
  const [hasBackup, setHasBackup] = useState(() => loadBackup(lesson.id) !== undefined);

  useEffect(() => {
    let live = true;
    void loadRoleSources(lesson, 'roles').then((roles) => {
      if (!live) return;
      if (shared) {
        backupEdits(
          lesson.id,
          roles.map((r) => r.role),
        );
        setHasBackup(true);
        // Saved like any edit, so a reload keeps the shared code the learner is now looking at.
        for (const { role, source } of roles) {
          const code = shared[role];
          if (code === undefined || code === source) resetEdit(lesson.id, role);
          else saveEdit(lesson.id, role, code);
        }
      }
      setLoaded({
        id: lesson.id,
        starters: Object.fromEntries(roles.map((r) => [r.role, r.source])),
        sources: Object.fromEntries(roles.map((r) => [r.role, loadEdit(lesson.id, r.role) ?? r.source])),
      });
    });
    return () => {
      live = false;
    };
  }, [lesson, shared]);

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

  const restoreOwn = useCallback(() => {
    const own = loadBackup(lesson.id);
    if (!own || !starters) return;
    const sources: Record<string, string> = {};
    for (const [role, starter] of Object.entries(starters)) {
      const code = own[role];
      if (code === undefined) resetEdit(lesson.id, role);
      else saveEdit(lesson.id, role, code);
      sources[role] = code ?? starter;
    }
    setLoaded((prev) => prev && { ...prev, sources });
    dropBackup(lesson.id);
    setHasBackup(false);
  }, [lesson.id, starters]);

  const forgetOwn = useCallback(() => {
    dropBackup(lesson.id);
    setHasBackup(false);
  }, [lesson.id]);

  return { sources: current?.sources, starters, setSource, reset, hasBackup, restoreOwn, forgetOwn };
}
