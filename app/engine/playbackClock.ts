/**
 * Moves the playback cursor on every animation frame at the chosen speed, never past what the kernel has
 * produced (the cursor waits while the kernel catches up), and asks for more trace ahead of it.
 */
import { FAST_FORWARD, type Playback } from './playback';
import type { RunSession } from './runSession';

/** A stall longer than this (a background tab, a debugger) must not jump the run forward. */
const MAX_FRAME_MS = 100;

export function startPlaybackClock(
  session: RunSession,
  playback: Playback,
  on: { end(): void; fail(reason: string): void },
): () => void {
  let last: number | undefined;
  let frame = 0;

  const tick = (now: number) => {
    const elapsed = last === undefined ? 0 : Math.min(now - last, MAX_FRAME_MS);
    last = now;
    const wanted = playback.speed === FAST_FORWARD ? session.until : playback.t + elapsed * playback.speed;
    const t = Math.min(wanted, session.reachedMs);
    playback.seek(t);
    if (session.failure) return on.fail(session.failure);
    if (session.finished && t >= session.reachedMs) return on.end();
    session.ensureAhead(t, playback.speed);
    frame = requestAnimationFrame(tick);
  };

  frame = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(frame);
}
