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
 * Quiet stretches (no message in flight, no event within the margin either side) play faster: at a speed
 * slow enough to watch a 20 ms message fly, a client that asks once a second would otherwise leave the
 * learner waiting a minute for nothing. At least QUIET_SPEEDUP times the chosen speed, and never slower
 * than QUIET_MIN_RATE virtual ms per real ms, so a 1 s gap passes in half a second at the slowest speeds.
 */
const QUIET_SPEEDUP = 12;
const QUIET_MIN_RATE = 2;
/** The calm kept before and after events, in REAL ms: the learner sees a burst begin and settle. */
const QUIET_MARGIN_WALL_MS = 400;
/** ...and never more than this much virtual time, so fast speeds still skip. */
const QUIET_MARGIN_MAX_MS = 150;

/** Real ms the cursor may wait on the kernel before the status says so. */
const WAITING_AFTER_MS = 600;

const quietRate = (speed: number): number => Math.max(speed * QUIET_SPEEDUP, QUIET_MIN_RATE);

/** Where a quiet stretch around `t` ends (minus the margin), or undefined when `t` is not in one. */
function quietUntil(events: readonly TraceEvent[], t: number, speed: number): number | undefined {
  const margin = Math.min(QUIET_MARGIN_MAX_MS, speed * QUIET_MARGIN_WALL_MS);
  const i = countUpTo(events, t);
  const previous = events[i - 1];
  const next = events[i];
  if (!next || (previous && t - previous.t < margin)) return undefined;
  const end = next.t - margin;
  return end > t ? end : undefined;
}

export function startPlaybackClock(
  session: RunSession,
  playback: Playback,
  on: { end(): void; fail(reason: string): void },
): () => void {
  let last: number | undefined;
  let frame = 0;
  /** Real ms since the cursor last moved while held back by the kernel. */
  let heldFor = 0;

  const tick = (now: number) => {
    const elapsed = last === undefined ? 0 : Math.min(now - last, MAX_FRAME_MS);
    last = now;
    let wanted = playback.t + elapsed * playback.speed;
    // A message on a slow link is something to watch, even with no event for a while.
    const flying = session.index.at(playback.t).messages.some((m) => m.fate === 'in-flight');
    const quietEnd = flying ? undefined : quietUntil(session.events, playback.t, playback.speed);
    if (playback.speed === FAST_FORWARD) wanted = session.until;
    else if (quietEnd !== undefined)
      wanted = Math.max(wanted, Math.min(quietEnd, playback.t + elapsed * quietRate(playback.speed)));
    const t = Math.min(wanted, session.reachedMs);
    const held = t <= playback.t && !session.finished;
    heldFor = held ? heldFor + elapsed : 0;
    playback.setWaiting(heldFor >= WAITING_AFTER_MS);
    playback.seek(t, quietEnd !== undefined && playback.speed !== FAST_FORWARD);
    if (session.failure) return on.fail(session.failure);
    if (session.finished && t >= session.reachedMs) return on.end();
    session.ensureAhead(t, quietRate(playback.speed));
    frame = requestAnimationFrame(tick);
  };

  frame = requestAnimationFrame(tick);
  return () => {
    cancelAnimationFrame(frame);
    playback.setWaiting(false);
  };
}
