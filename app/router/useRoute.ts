import { useSyncExternalStore } from 'react';
import { parseRoute, routeHref, type Route } from './route';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The current route, re-rendering on every hash change (links, back and forward). */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentHash));
}

/** Go to a route. `replace` keeps step changes from flooding the history. */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = routeHref(route);
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  // pushState and replaceState do not fire hashchange; tell the subscribers ourselves.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
