/**
 * The node Worker's global, locked before any learner code runs: what would let role code reach past the
 * simulation from its Worker is removed (network: fetch, XHR, WebSocket, EventSource; other realms and
 * channels: Worker, SharedWorker, BroadcastChannel, importScripts; storage: indexedDB, caches, the storage
 * manager; real time: setTimeout and friends), and the real clock and randomness throw, so
 * `Function('return this')()` gives nothing that breaks determinism or leaves the node. Role code has the
 * simulated `Math`, `Date`, timers and `performance` as its own bindings (compile.ts); the runtime takes what
 * it needs (a macrotask yield, its port) before this runs.
 *
 * Not a sandbox by itself: `import()` of a URL would still work from here. The sandboxed frame's CSP
 * (node-frame-document.ts) is what refuses it, and every other request, in the built site.
 */
const REMOVED = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebTransport',
  'EventSource',
  'Worker',
  'SharedWorker',
  'BroadcastChannel',
  'importScripts',
  'indexedDB',
  'caches',
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'requestAnimationFrame',
  'scheduler',
  'Scheduler',
  'TaskController',
] as const;

function refuse(what: string, instead: string): () => never {
  return () => {
    throw new Error(`${what} is not available to role code: use ${instead}`);
  };
}

export function lockGlobal(scope: Record<string, unknown>): void {
  for (const name of REMOVED) {
    try {
      delete scope[name];
      if (name in scope) Object.defineProperty(scope, name, { value: undefined, configurable: false });
    } catch {
      // A property the platform will not let go of: left as it is (the frame's CSP is the real wall).
    }
  }
  const navigator = scope.navigator as Record<string, unknown> | undefined;
  if (navigator && 'storage' in navigator)
    Object.defineProperty(navigator, 'storage', { value: undefined, configurable: false });
  Object.defineProperty(Math, 'random', { value: refuse('the real Math.random', 'node.random()') });
  Object.defineProperty(Date, 'now', { value: refuse('the real Date.now', 'node.now()') });
  const performance = scope.performance as Performance | undefined;
  if (performance)
    Object.defineProperty(performance, 'now', { value: refuse('performance.now', 'node.now()') });
  Object.freeze(Math);
  Object.freeze(Date);
}
