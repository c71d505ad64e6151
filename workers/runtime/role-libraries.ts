/**
 * The libraries role code may import at run time besides the node API (whose import is types only): today
 * `xstate` alone. vet-imports.ts lets these names through; role-module.ts's `require` asks here.
 *
 * A library is not a module of this realm: it is source text (xstate-bundle.ts, generated) evaluated once
 * per node boot with the role's own shadow globals (node-globals.ts). So XState's default clock is the
 * node's virtual `setTimeout` (an `after` delay is a node timer, replayed from the seed like any other),
 * its `Math.random` is the node's seeded stream, its `Date.now` the node's clock, and its module state
 * (actor id counter) belongs to this life of this node, as the role's own top-level state does. The same in
 * a node Worker, in the in-process host (one realm for all nodes) and in VmHost (one vm context per node).
 * The lint rule that keeps `xstate` out of the runtime still holds: nothing here imports it.
 */
import type { RoleGlobals } from './role-module';
import { XSTATE_CJS } from './xstate-bundle';

/** Module specifiers role code may import (values, not only types). */
export const LIBRARY_MODULES: readonly string[] = ['xstate'];

const SOURCES: Readonly<Record<string, string>> = { xstate: XSTATE_CJS };

/**
 * The factory's parameters: the CommonJS pair, and every global a library could reach real time, real
 * randomness or the host through. `globalThis`/`self`/`window` are undefined inside (XState looks for its
 * devtools hook there; role code gets no devtools).
 */
const PARAMS = [
  'exports',
  'module',
  'require',
  'Math',
  'Date',
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'queueMicrotask',
  'performance',
  'crypto',
  'globalThis',
  'self',
  'window',
  'global',
] as const;

type Factory = (...args: unknown[]) => void;

/** Compiled once per realm: evaluating it (per boot) is what gives each node its own copy. */
const factories = new Map<string, Factory>();

function factoryOf(name: string): Factory | undefined {
  let factory = factories.get(name);
  const source = SOURCES[name];
  if (!factory && source !== undefined) {
    factory = new Function(...PARAMS, `${source}\n//# sourceURL=playground-lib-${name}.js`) as Factory;
    factories.set(name, factory);
  }
  return factory;
}

/**
 * A `require` for one node boot: each library evaluated at most once, on first use, with `g`. Returns
 * undefined for a name that is not a library (the caller says why it cannot be imported).
 */
export function libraryLoader(g: RoleGlobals): (name: string) => Record<string, unknown> | undefined {
  const loaded = new Map<string, Record<string, unknown>>();
  const noModules = (name: unknown): never => {
    throw new Error(`a library asked for '${String(name)}', which the playground does not provide`);
  };
  return (name) => {
    const cached = loaded.get(name);
    if (cached) return cached;
    const factory = factoryOf(name);
    if (!factory) return undefined;
    const module = { exports: {} as Record<string, unknown> };
    factory.call(
      undefined,
      module.exports,
      module,
      noModules,
      g.Math,
      g.Date,
      g.setTimeout,
      g.setInterval,
      g.clearTimeout,
      g.clearInterval,
      undefined,
      undefined,
      undefined, // queueMicrotask: a library's microtasks are plain promise jobs (XState uses none)
      g.performance,
      g.crypto,
      undefined,
      undefined,
      undefined,
      undefined,
    );
    loaded.set(name, module.exports);
    return module.exports;
  };
}
