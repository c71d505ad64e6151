/**
 * A share link's seed and faults go with its code. The page opened from the link starts with them; this
 * brings them back whenever the link's code comes on screen waiting to be run later: after a reload (the
 * link left the address when it was first read, its `ShareSession` is in IndexedDB), or on "Open the
 * shared code". They are settings only: held code still waits for Run or Check.
 */
import { useEffect, useRef } from 'react';
import type { FilesSnapshot } from '../persistence/lessonFiles';
import type { RunStart } from '../lesson/useLessonRun';
import { showsShared } from './ShareNotice';

export function useSharedStart(files: FilesSnapshot | undefined, adopt: (start: RunStart) => void): void {
  const share = files?.share;
  // The link's code is on screen and has not run: the moment its seed and faults belong to the run.
  const waiting = files !== undefined && share !== undefined && files.held && showsShared(files, share);
  const latest = useRef({ share, adopt });
  useEffect(() => {
    latest.current = { share, adopt };
  });
  const session = waiting ? share.at : undefined;
  // Once each time the link's code comes on screen: a seed the learner types afterwards is theirs.
  useEffect(() => {
    const { share: link, adopt: apply } = latest.current;
    if (session !== undefined && link) apply({ seed: link.seed, faults: link.faults });
  }, [session]);
}
