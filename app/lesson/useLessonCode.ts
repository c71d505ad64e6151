/**
 * The code of every role of an exercise: the learner's saved code over the starter, with its History (see
 * `app/persistence/lessonFiles.ts`). A share link's code, when the lesson was opened from one, is kept
 * beside the learner's own, never over it.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { loadRoleSources } from '../catalog/catalog';
import type { LessonEntry } from '../catalog/types';
import type { Version, VersionReason } from '../persistence/fileHistory';
import { LessonFiles, type FilesSnapshot } from '../persistence/lessonFiles';
import { openShared } from '../persistence/shareVersions';
import type { SharedRun } from '../share/shareLink';

export interface LessonCode {
  /** Role -> source, once the starters and the saved code have loaded. */
  sources: Record<string, string> | undefined;
  starters: Record<string, string> | undefined;
  /** Saving, History, other tabs, a pending share link; undefined while loading. */
  files: FilesSnapshot | undefined;
  setSource(role: string, source: string): void;
  /** Bring a kept version back. */
  restore(role: string, version: Version): Promise<boolean>;
  /**
   * Put `source` in the editor as one undo step, first keeping what was there as a `reason` version (Show
   * solution: `replaceWith(role, solution, 'before-solution')`). False, and nothing changed, when that could
   * not be written.
   */
  replaceWith(role: string, source: string, reason: VersionReason): Promise<boolean>;
  /** The store behind it all, for the notices' actions. */
  store: LessonFiles | undefined;
  /** Whether the share link's code and the learner's own were both written when the link opened. */
  shareKept: boolean | undefined;
}

const noSubscribe = () => () => undefined;
const nothing = () => undefined;

/** `shared`: a share link's run for this exercise, opened once when the page opens. */
export function useLessonCode(lesson: LessonEntry, shared?: SharedRun): LessonCode {
  const starters = useCallback(
    () =>
      loadRoleSources(lesson, 'roles').then((roles) =>
        Object.fromEntries(roles.map((r) => [r.role, r.source])),
      ),
    [lesson],
  );
  return useExerciseCode(lesson.id, starters, shared);
}

/**
 * The same for any exercise (a lesson's, or a sandbox's whose starters are made from its roles): opens
 * its files again whenever `loadStarters` changes (a sandbox gained a role). What was on screen stays until
 * the new files are read, so the editor does not flicker.
 */
export function useExerciseCode(
  exerciseId: string,
  loadStarters: () => Promise<Record<string, string>>,
  shared?: Pick<SharedRun, 'seed' | 'faults' | 'code'>,
): LessonCode {
  const [opened, setOpened] = useState<{ files: LessonFiles; shareKept: boolean | undefined }>();

  useEffect(() => {
    let live = true;
    let files: LessonFiles | undefined;
    void loadStarters()
      .then((starters) => LessonFiles.open(exerciseId, starters))
      .then(async (open) => {
        if (!live) return open.close();
        files = open;
        const share = shared
          ? await openShared(open, { seed: shared.seed, faults: shared.faults, shared: shared.code })
          : undefined;
        if (live) setOpened({ files: open, shareKept: share?.kept });
      });
    return () => {
      live = false;
      files?.close();
    };
  }, [exerciseId, loadStarters, shared]);

  // Code of another exercise (a step with its own) is never shown or run while this one loads.
  const current = opened?.files.exerciseId === exerciseId ? opened : undefined;
  const store = current?.files;
  const snapshot = useSyncExternalStore(store?.subscribe ?? noSubscribe, store?.getSnapshot ?? nothing);

  const setSource = useCallback((role: string, source: string) => store?.edit(role, source), [store]);
  const restore = useCallback(
    async (role: string, version: Version) => (store ? store.restore(role, version) : false),
    [store],
  );
  const replaceWith = useCallback(
    async (role: string, source: string, reason: VersionReason) =>
      store ? store.replaceWith(role, source, reason) : false,
    [store],
  );

  return {
    replaceWith,
    sources: snapshot?.sources,
    starters: snapshot?.starters,
    files: snapshot,
    setSource,
    restore,
    store,
    shareKept: current?.shareKept,
  };
}
