/**
 * The height of the run details under the graph (console, inspector, sequence, metrics, checks): tall
 * enough by default to read (about 40% of the window), and never so tall that the graph and the run
 * controls above it are pushed off screen, however it is dragged and whatever was saved.
 */
import { useEffect, useState } from 'react';
import { usePaneSize } from './ResizeHandle';

/** The top bar, the run controls with the timeline, and the smallest graph worth showing, in px. */
export const DETAILS_RESERVED_PX = 52 + 120 + 200;
export const DETAILS_MIN_PX = 120;

export function detailsMaxHeight(viewportHeight: number): number {
  return Math.max(DETAILS_MIN_PX, viewportHeight - DETAILS_RESERVED_PX);
}

export function detailsDefaultHeight(viewportHeight: number): number {
  return Math.round(Math.min(detailsMaxHeight(viewportHeight), Math.max(220, viewportHeight * 0.42)));
}

export function useDetailsHeight() {
  const [viewport, setViewport] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = () => setViewport(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return usePaneSize(
    'details',
    () => detailsDefaultHeight(viewport),
    DETAILS_MIN_PX,
    detailsMaxHeight(viewport),
  );
}
