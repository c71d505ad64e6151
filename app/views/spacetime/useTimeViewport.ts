/**
 * Which stretch of virtual time the diagram shows: a zoom (px per ms) and a top time. While following, the
 * view keeps the cursor in sight the way a terminal keeps its last line: once the cursor passes FOLLOW_AT
 * of the height, the view scrolls with it; scrubbing back above the top brings it back into view. Scrolling
 * by hand stops following until the learner asks for it again.
 */
import { useState } from 'react';

/** Fraction of the height where a followed cursor stays pinned once playback reaches it. */
const FOLLOW_AT = 0.75;
/** How many px a typical message's arrow drops by default: steep enough to read, flat enough to fit. */
const TYPICAL_DROP_PX = 34;
const MAX_K = 60;

interface State {
  /** px per ms set by the learner; null = automatic from the typical latency. */
  k: number | null;
  top: number;
  follow: boolean;
}

export interface TimeViewport {
  k: number;
  top: number;
  follow: boolean;
  /** Scroll by px (wheel, keys); stops following. */
  scrollBy(px: number): void;
  /** Zoom by a factor around screen y (px from the top of the plot). */
  zoomAt(factor: number, y: number): void;
  /** Everything from 0 to the end in view. */
  fit(): void;
  setFollow(on: boolean): void;
}

/**
 * @param height plot height (px) @param t the cursor @param end the last time worth showing
 * @param typical mean message latency (0 when unknown) @param pad px above time `top`
 */
export function useTimeViewport(
  height: number,
  t: number,
  end: number,
  typical: number,
  pad: number,
): TimeViewport {
  const [s, setS] = useState<State>({ k: null, top: 0, follow: true });
  const fitK = Math.max(1e-4, (height - 2 * pad) / Math.max(1, end));
  const k = clampK(s.k ?? autoK(typical), fitK);
  const span = Math.max(1, (height - pad) / k);
  const maxTop = Math.max(0, Math.max(end, t) - span * 0.9);
  // Before the first measure (height 0) there is no view to keep the cursor in.
  const top = s.follow && height > 0 ? keepInView(s.top, t, span, maxTop) : clamp(s.top, 0, maxTop);
  // Remember where following took us (a render-phase update: React re-renders before committing),
  // so the next frame scrolls on from here instead of jumping.
  if (top !== s.top && height > 0) setS({ ...s, top });

  const zoomAt = (factor: number, y: number) =>
    setS((v) => {
      const k1 = clampK(k * factor, fitK);
      // Keep the time under the pointer (or the followed cursor) where it is on screen.
      const anchorY = v.follow ? (t - top) * k : y - pad;
      const anchorT = top + anchorY / k;
      return { ...v, k: k1, top: Math.max(0, anchorT - anchorY / k1) };
    });
  return {
    k,
    top,
    follow: s.follow,
    scrollBy: (px) => setS((v) => ({ ...v, follow: false, top: clamp(top + px / k, 0, maxTop) })),
    zoomAt,
    fit: () => setS((v) => ({ ...v, k: fitK, top: 0 })),
    setFollow: (on) => setS((v) => ({ ...v, follow: on })),
  };
}

/** Default zoom: a typical arrow drops TYPICAL_DROP_PX; a power of two, so it does not drift as latency does. */
function autoK(typical: number): number {
  const lat = typical > 0 ? typical : 20;
  return 2 ** Math.round(Math.log2(TYPICAL_DROP_PX / lat));
}

const clampK = (k: number, fitK: number): number => clamp(k, Math.min(fitK, MAX_K), MAX_K);

function keepInView(top: number, t: number, span: number, maxTop: number): number {
  if (t > top + span * FOLLOW_AT) return clamp(t - span * FOLLOW_AT, 0, maxTop);
  if (t < top) return clamp(t - span * (1 - FOLLOW_AT), 0, maxTop);
  return clamp(top, 0, maxTop);
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));
