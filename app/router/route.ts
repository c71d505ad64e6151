/**
 * Routes live in the URL hash (`#/lesson/request-reply/2`), so a deep link works from any static server and
 * any sub-path without rewrites.
 */
export type Route = { page: 'course' } | { page: 'lesson'; lessonId: string; step: number };

/** Parses a location hash; anything unknown is the course map. Steps are 1-based in the URL. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'lesson' && parts[1]) {
    const step = Number.parseInt(parts[2] ?? '1', 10);
    return { page: 'lesson', lessonId: parts[1], step: Number.isFinite(step) && step >= 1 ? step : 1 };
  }
  return { page: 'course' };
}

export function routeHref(route: Route): string {
  if (route.page === 'course') return '#/';
  return `#/lesson/${encodeURIComponent(route.lessonId)}/${route.step}`;
}
