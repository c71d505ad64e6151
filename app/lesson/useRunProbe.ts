import { useEffect } from 'react';
import { selectStatus } from '../machines/runSelectors';
import { registerRunForTests } from '../test-api';
import type { useLessonRun } from './useLessonRun';

/** The page's run, for the e2e tests' `window.__playground` (a no-op outside test builds). */
export function useRunProbe(exerciseId: string, run: ReturnType<typeof useLessonRun>): void {
  const { session, playback, state, seed } = run;
  useEffect(
    () =>
      registerRunForTests({
        lessonId: exerciseId,
        status: () => selectStatus(state),
        cursor: () => playback.t,
        reachedMs: () => session.reachedMs,
        seed: () => seed,
        trace: () => session.events,
        nodes: () => session.nodes,
        traceHash: () => session.traceHash(),
        code: () => Object.fromEntries((session.config?.roles ?? []).map((r) => [r.role, r.source])),
      }),
    [exerciseId, session, playback, state, seed],
  );
}
