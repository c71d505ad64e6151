/**
 * A share link's seed and faults go with its code. The page opened from the link starts with them; this
 * gives them back to the run whenever the link's code comes on screen (`LessonFiles.linkStart`): after a
 * reload (the link left the address when it was first read), on "Open the shared code", or brought back
 * from History. They are settings only: code not run yet still waits for Run or Check.
 */
import { useEffect, useRef } from 'react';
import type { FilesSnapshot } from '../persistence/lessonFiles';
import type { RunStart } from '../lesson/useLessonRun';

export function useSharedStart(files: FilesSnapshot | undefined, adopt: (start: RunStart) => void): void {
  const start = files?.linkStart;
  const latest = useRef({ start, adopt });
  useEffect(() => {
    latest.current = { start, adopt };
  });
  // Once each time: a seed the learner types afterwards is theirs.
  const moment = start?.n;
  useEffect(() => {
    const { start: link, adopt: apply } = latest.current;
    if (moment !== undefined && link) apply({ seed: link.seed, faults: link.faults });
  }, [moment]);
}
