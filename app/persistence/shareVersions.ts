/**
 * A share link's code beside the learner's own, in their History: opening a link keeps both, puts the
 * link's on screen only when that replaces nothing of theirs, switches between the two, and remembers the
 * notice (a `ShareSession`) until the learner dismisses it. Code from a link is held until they run it.
 */
import { writeShareSession, type ShareSession } from './codeStore';
import type { LessonFiles } from './lessonFiles';

/** A link opened. `kept`: its code and the learner's own were both written before anything changed. */
export async function openShared(
  files: LessonFiles,
  link: Omit<ShareSession, 'v' | 'at' | 'own'>,
): Promise<{ kept: boolean }> {
  const { starters, sources } = files.getSnapshot();
  const own: Record<string, string> = {};
  let kept = true;
  for (const [role, starter] of Object.entries(starters)) {
    const mine = sources[role] ?? starter;
    const theirs = link.shared[role] ?? starter;
    if (mine !== starter && mine !== theirs) {
      own[role] = mine;
      if (!(await files.recordVersion(role, 'before-share', mine))) kept = false;
    }
    const start = { seed: link.seed, faults: link.faults };
    if (link.shared[role] !== undefined && !(await files.recordVersion(role, 'shared', theirs, start)))
      kept = false;
  }
  const share: ShareSession = { v: 1, at: Date.now(), ...link, own };
  files.patch({ share });
  try {
    await writeShareSession(files.exerciseId, share);
  } catch {
    kept = false;
  }
  if (Object.keys(own).length === 0) await showShared(files);
  return { kept };
}

/** Put the link's code on screen (the learner's own is in History); it waits for Run or Check. */
export async function showShared(files: LessonFiles): Promise<void> {
  const { share, starters } = files.getSnapshot();
  if (!share) return;
  files.hold(share);
  for (const [role, starter] of Object.entries(starters))
    await files.replaceWith(role, share.shared[role] ?? starter, 'before-share');
}

/** Back to the learner's own code from before the link. */
export async function showOwn(files: LessonFiles): Promise<void> {
  const { share, starters } = files.getSnapshot();
  if (!share) return;
  for (const [role, starter] of Object.entries(starters))
    await files.replaceWith(role, share.own[role] ?? starter, 'before-restore');
  files.patch({ held: false });
}

/** The learner is done with the link's notice; both codes stay in History. */
export async function settleShare(files: LessonFiles): Promise<void> {
  files.patch({ share: undefined });
  await writeShareSession(files.exerciseId, undefined).catch(() => undefined);
}

/** The learner pressed Run, Step, Restart or Check: the code on screen is theirs to run now. */
export function consent(files: LessonFiles): void {
  const { held, starters, sources, history } = files.getSnapshot();
  if (!held) return;
  files.patch({ held: false });
  for (const role of Object.keys(starters)) {
    const source = sources[role];
    if (source === undefined) continue;
    if (history[role]?.some((v) => v.reason === 'shared' && !v.ran && v.source === source))
      files.markRan(role, source);
  }
}
