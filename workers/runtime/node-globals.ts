/**
 * The shadow globals role code sees (see compile.ts): built per node incarnation on its virtual clock, its
 * seeded stream and its timer queue, never on real time. What is not shadowed here (`globalThis.setTimeout`,
 * `fetch`, ...) is the containment layer's job (docs/architecture.md), not determinism's.
 */
import type { RoleGlobals } from './role-module';
import { makeSimSubtle } from './sim-subtle';

/** What the shadows are built on: one node incarnation. */
export interface GlobalsHost {
  /** The node's clock: virtual ms plus its skew. */
  now(): number;
  /** The node's monotonic clock: ms since this incarnation booted, unaffected by skew. */
  monotonic(): number;
  random(): number;
  /** Start a learner timer; returns its id. */
  startTimer(ms: number, fn: () => unknown, repeat: boolean, label: string): number;
  clearTimer(id: number): void;
  /** Count `p` as pending async work until it settles (quiescence waits for it), in a deterministic order. */
  track<T>(p: Promise<T>): Promise<T>;
}

const RealDate = Date;

export function makeRoleGlobals(host: GlobalsHost): RoleGlobals {
  return {
    Math: makeMath(host),
    Date: makeDate(host),
    setTimeout: (fn, ms, ...args) => host.startTimer(delay(ms), callback(fn, args), false, 'setTimeout'),
    // A zero-period interval would spin forever at one virtual instant; browsers clamp too.
    setInterval: (fn, ms, ...args) =>
      host.startTimer(Math.max(1, delay(ms)), callback(fn, args), true, 'setInterval'),
    clearTimeout: (id) => {
      if (typeof id === 'number') host.clearTimer(id);
    },
    clearInterval: (id) => {
      if (typeof id === 'number') host.clearTimer(id);
    },
    // `performance.now()` is monotonic on a real machine too: skew never moves it.
    performance: Object.freeze({ now: () => host.monotonic(), timeOrigin: 0 }),
    crypto: makeCrypto(host),
  };
}

function delay(ms: unknown): number {
  const n = Number(ms);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function callback(fn: unknown, args: unknown[]): () => unknown {
  if (typeof fn !== 'function')
    throw new TypeError('setTimeout/setInterval need a function (strings are not run)');
  return args.length === 0 ? (fn as () => unknown) : () => (fn as (...a: unknown[]) => unknown)(...args);
}

/** A frozen copy of Math whose `random` is the node's stream. */
function makeMath(host: GlobalsHost): Math {
  const copy = Object.create(Object.getPrototypeOf(Math) as object) as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(Math)) {
    // The real `random` may be locked already (lock-global.ts): the copy gets its own, defined below.
    if (key === 'random') continue;
    const desc = Object.getOwnPropertyDescriptor(Math, key);
    if (desc) Object.defineProperty(copy, key, desc);
  }
  Object.defineProperty(copy, 'random', { value: () => host.random(), writable: false, enumerable: false });
  return Object.freeze(copy) as unknown as Math;
}

/**
 * `Date` on the virtual clock: `Date.now()`, `new Date()` and `Date()` read it; `new Date(x)` is the real
 * thing. Instances are real Dates (`instanceof Date` holds: the prototype is shared).
 */
function makeDate(host: GlobalsHost): DateConstructor {
  function VirtualDate(this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return new RealDate(host.now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [host.now()] : args, new.target);
  }
  VirtualDate.prototype = RealDate.prototype;
  Object.defineProperties(VirtualDate, {
    now: { value: () => host.now(), writable: true, configurable: true },
    parse: { value: RealDate.parse, writable: true, configurable: true },
    UTC: { value: RealDate.UTC, writable: true, configurable: true },
  });
  return VirtualDate as unknown as DateConstructor;
}

/**
 * Web Crypto for the security lessons, deterministic: `subtle` is sim-subtle.ts (pure JavaScript, settling as
 * microtasks), never the platform's, whose promises settle on real tasks and which a vm realm lacks. Each call
 * is still tracked, so a node is not quiescent (and its time does not move) until the work settles.
 * `getRandomValues`/`randomUUID` draw from the node's seeded stream: a run must replay exactly, keys and
 * nonces included.
 */
function makeCrypto(host: GlobalsHost): Crypto {
  const sim = makeSimSubtle(() => host.random()) as unknown as Record<
    string,
    (...a: unknown[]) => Promise<unknown>
  >;
  const shadow: Record<string, unknown> = {};
  for (const name of Object.keys(sim)) shadow[name] = (...args: unknown[]) => host.track(sim[name]!(...args));
  const subtle = Object.freeze(shadow) as unknown as SubtleCrypto;
  const getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
    if (!array) return array;
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(host.random() * 256);
    return array;
  };
  const randomUUID = (): `${string}-${string}-${string}-${string}-${string}` => {
    const b = getRandomValues(new Uint8Array(16));
    b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
    b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  return Object.freeze({ subtle, getRandomValues, randomUUID }) as unknown as Crypto;
}
