/**
 * Moves the playback cursor on every animation frame at the chosen speed, never past what the kernel has
 * produced (the cursor waits while the kernel catches up), and asks for more trace ahead of it.
 */
import type { TraceEvent } from '../../workers/kernel/protocol';
import { countUpTo } from '../trace/search';
import { FAST_FORWARD, type Playback } from './playback';
import type { RunSession } from './runSession';

/** A stall longer than this (a background tab, a debugger) must not jump the run forward. */
const MAX_FRAME_MS = 100;

/**
 * Quiet stretches (no message in flight, no event within QUIET_MARGIN_MS virtual ms either side) play this many times faster:
 * at a speed slow enough to watch a 20 ms message fly, a client that asks once a second would otherwise
 * leave the learner waiting seconds for nothing.
 */
const QUIET_SPEEDUP = 12;
const QUIET_MARGIN_MS = 150;

/** Where a quiet stretch around `t` ends (minus the margin), or undefined when `t` is not in one. */
function quietUntil(events: readonly TraceEvent[], t: number): number | undefined {
  const i = countUpTo(events, t);
  const previous = events[i - 1];
  const next = events[i];
  if (!next || (previous && t - previous.t < QUIET_MARGIN_MS)) return undefined;
  const end = next.t - QUIET_MARGIN_MS;
  return end > t ? end : undefined;
}

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
    let wanted = playback.t + elapsed * playback.speed;
    // A message on a slow link is something to watch, even with no event for a while.
    const flying = session.index.at(playback.t).messages.some((m) => m.fate === 'in-flight');
    const quietEnd = flying ? undefined : quietUntil(session.events, playback.t);
    if (playback.speed === FAST_FORWARD) wanted = session.until;
    else if (quietEnd !== undefined)
      wanted = Math.max(wanted, Math.min(quietEnd, playback.t + elapsed * playback.speed * QUIET_SPEEDUP));
    const t = Math.min(wanted, session.reachedMs);
    playback.seek(t, quietEnd !== undefined && playback.speed !== FAST_FORWARD);
    if (session.failure) return on.fail(session.failure);
    if (session.finished && t >= session.reachedMs) return on.end();
    session.ensureAhead(t, playback.speed * QUIET_SPEEDUP);
    frame = requestAnimationFrame(tick);
  };

  frame = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(frame);
}
