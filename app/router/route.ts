/**
 * Routes live in the URL hash (`#/lesson/request-reply/2`), so a deep link works from any static server and
 * any sub-path without rewrites. A share link adds its run after a `?` inside the hash
 * (`#/lesson/request-reply/1?share=<lz-string>`) for the same reason.
 */
export type Route =
  | { page: 'course' }
  /** A link the app cannot read (a malformed `%` escape): the error screen says so. */
  | { page: 'broken'; reason: string }
  | {
      page: 'lesson';
      lessonId: string;
      step: number;
      /** A shared run to open (see app/share). */ share?: string;
    }
  /** `#/sandbox` opens the latest sandbox (or a new one); `#/sandbox/<id>` that one. */
  | { page: 'sandbox'; sandboxId?: string; /** A shared sandbox to open as a new one. */ share?: string };

/** Parses a location hash; anything unknown is the course map. Steps are 1-based in the URL. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { page: 'broken', reason: `The address has a damaged “%” escape: ${hash.slice(0, 200)}` };
  }
  // URLSearchParams would turn the `+` of lz-string's alphabet into a space: read the value as is.
  const share = /(?:^|&)share=([^&]*)/.exec(query)?.[1];
  if (parts[0] === 'sandbox')
    return { page: 'sandbox', ...(parts[1] ? { sandboxId: parts[1] } : {}), ...(share ? { share } : {}) };
  if (parts[0] === 'lesson' && parts[1]) {
    const step = Number.parseInt(parts[2] ?? '1', 10);
    return {
      page: 'lesson',
      lessonId: parts[1],
      step: Number.isFinite(step) && step >= 1 ? step : 1,
      ...(share ? { share } : {}),
    };
  }
  return { page: 'course' };
}

export function routeHref(route: Route): string {
  if (route.page === 'sandbox') {
    const href = route.sandboxId ? `#/sandbox/${encodeURIComponent(route.sandboxId)}` : '#/sandbox';
    return route.share ? `${href}?share=${route.share}` : href;
  }
  if (route.page !== 'lesson') return '#/';
  const href = `#/lesson/${encodeURIComponent(route.lessonId)}/${route.step}`;
  return route.share ? `${href}?share=${route.share}` : href;
}
