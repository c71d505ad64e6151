/**
 * The built-ins the node runtime calls, taken when this module loads, before any learner code runs. Learner
 * code shares its realm with its node's runtime (a Worker, a vm context) and may patch `Array.prototype.push`,
 * `Map.prototype.get`, `Object.freeze`, `JSON`, `Function.prototype.call`...; the runtime's bookkeeping (its
 * effect list, handler table, pending rpcs, body copies) goes through these captured functions instead, so
 * such patches change only what the learner's own code sees. (What a node claims to have done is checked
 * again by the kernel anyway: workers/kernel/effect-guard.ts.)
 *
 * `uncurry(f)(self, ...args)` is `f.call(self, ...args)` without looking up `call` at call time.
 */
const bind = Function.prototype.bind;
const call = Function.prototype.call;
const uncurry = <A extends unknown[], R>(fn: (...args: A) => R): ((self: unknown, ...args: A) => R) =>
  bind.call(call, fn) as (self: unknown, ...args: A) => R;

export const arrayPush = uncurry(Array.prototype.push as (...items: unknown[]) => number) as <T>(
  array: T[],
  item: T,
) => number;

export const mapGet = uncurry(Map.prototype.get) as <K, V>(map: Map<K, V>, key: K) => V | undefined;
export const mapSet = uncurry(Map.prototype.set) as <K, V>(map: Map<K, V>, key: K, value: V) => Map<K, V>;
export const mapDelete = uncurry(Map.prototype.delete) as <K, V>(map: Map<K, V>, key: K) => boolean;
export const setAdd = uncurry(Set.prototype.add) as <T>(set: Set<T>, value: T) => Set<T>;
export const setDelete = uncurry(Set.prototype.delete) as <T>(set: Set<T>, value: T) => boolean;

export const { freeze, isFrozen, getPrototypeOf } = Object;
export const objectPrototype = Object.prototype;
export const arrayPrototype = Array.prototype;
export const hasOwn = uncurry(Object.prototype.hasOwnProperty) as (
  object: object,
  key: PropertyKey,
) => boolean;
export const jsonStringify = JSON.stringify;
export const jsonParse = JSON.parse;
export const reflectApply = Reflect.apply;
export const promiseThen = uncurry(Promise.prototype.then) as <T>(
  promise: PromiseLike<T>,
  onFulfilled: ((value: T) => unknown) | undefined,
  onRejected: (reason: unknown) => unknown,
) => Promise<unknown>;
