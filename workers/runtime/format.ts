/** Turning learner values into effect text and wire data. */
import { EMPTY_BODY } from '../kernel/effect-shape';
import type { Json } from '../kernel/protocol';
import {
  arrayPrototype,
  arrayPush,
  freeze,
  getPrototypeOf,
  hasOwn,
  isFrozen,
  jsonParse,
  jsonStringify,
  objectPrototype,
  setAdd,
  setDelete,
} from './intrinsics';

/**
 * A message body as it was when sent: later mutation by the sender must not travel with it. The result is
 * exactly JSON.parse(JSON.stringify(body)); plain objects, arrays and finite numbers (nearly every body) are
 * copied by hand, which is several times faster than the JSON round trip and makes no string. Anything JSON
 * would transform (undefined, NaN, toJSON, Dates, class instances, holes, a `__proto__` key, cycles) makes
 * the whole body take the JSON path, so the result and the errors stay JSON's.
 *
 * The copy is deeply frozen (it becomes part of a read-only message, see `freezeMessage`): each object is
 * frozen as it is made, which is cheaper than walking the copy again.
 */
export function snapshot(body: Json | undefined): Json {
  if (body === undefined) return null;
  if (body === null || typeof body !== 'object') {
    if (typeof body === 'string' && body.length > MAX_BODY_CHARS) tooBig();
    const problem = unsendable(body, '');
    if (problem) throw new TypeError(problem);
    return body;
  }
  left = MAX_BODY_CHARS;
  const copy = copyObject(body, 0);
  if (copy !== NOT_PLAIN) return copy;
  // JSON would quietly turn a function, a Map or a class instance into `{}` or nothing: refuse them by name.
  const problem = unsendable(body, '');
  if (problem) throw new TypeError(problem);
  const json = jsonStringify(body) as string;
  if (json.length > MAX_BODY_CHARS) tooBig();
  return freezeMessage(jsonParse(json) as Json & object);
}

/**
 * The largest message body, as characters of its JSON text (64 KiB; node-api.ts says so to learners). A
 * bigger body is refused where it is sent: copying and cloning megabytes per message would freeze the page.
 */
export const MAX_BODY_CHARS = 64 * 1024;

/** What the hand copy may still spend of MAX_BODY_CHARS (a module variable: no counter object per copy). */
let left = 0;

function tooBig(): never {
  throw new RangeError(
    `the message body is over the ${MAX_BODY_CHARS / 1024} KB cap (as JSON): send less, or split it into several messages`,
  );
}

/** Why `value` cannot travel as JSON without JSON silently changing it into something else, or undefined. */
function unsendable(value: unknown, path: string, seen: Set<object> = new Set()): string | undefined {
  const where = `the message body${path}`;
  switch (typeof value) {
    case 'function':
      return `${where} is a function: only JSON (objects, arrays, strings, numbers, booleans, null) travels`;
    case 'symbol':
      return `${where} is a symbol: only JSON travels`;
    case 'bigint':
      return `${where} is a BigInt: send it as a string or a number`;
    case 'object': {
      if (value === null) return undefined;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined; // a Date, say
      if (seen.has(value)) return `${where} refers back to itself (a cycle): only trees of JSON travel`;
      const proto: unknown = getPrototypeOf(value);
      if (proto !== objectPrototype && proto !== arrayPrototype && proto !== null) {
        const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
        return `${where} is a ${typeof name === 'string' && name ? name : 'class instance'}: only plain objects and arrays travel`;
      }
      setAdd(seen, value);
      for (const key in value) {
        if (!hasOwn(value, key)) continue;
        const sub = Array.isArray(value) ? `[${key}]` : `.${key}`;
        const problem = unsendable((value as Record<string, unknown>)[key], path + sub, seen);
        if (problem) return problem;
      }
      setDelete(seen, value);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Returned by the hand copy when JSON would do something it does not; the caller takes the JSON path. */
const NOT_PLAIN: unique symbol = Symbol('not plain JSON');
/** Deeper than this (or a cycle) takes the JSON path, which throws JSON's own error on a cycle. */
const MAX_DEPTH = 64;

function copyValue(value: unknown, depth: number): Json | typeof NOT_PLAIN {
  switch (typeof value) {
    case 'string':
      if ((left -= value.length + 3) < 0) tooBig();
      return value;
    case 'boolean':
      if ((left -= 6) < 0) tooBig();
      return value;
    case 'number':
      // An estimate of its digits (the cap is about size, not an exact count); `+ 0` turns -0 into 0, as JSON
      // does; NaN and the infinities become null in JSON.
      if ((left -= 8) < 0) tooBig();
      return Number.isFinite(value) ? value + 0 : NOT_PLAIN;
    case 'object':
      return value === null ? null : copyObject(value, depth + 1);
    default:
      // undefined, functions and symbols are dropped or nulled by JSON; bigint throws.
      return NOT_PLAIN;
  }
}

function copyObject(value: object, depth: number): Json | typeof NOT_PLAIN {
  if (depth > MAX_DEPTH) return NOT_PLAIN;
  if ((left -= 2) < 0) tooBig();
  const proto: unknown = getPrototypeOf(value);
  if (proto === arrayPrototype) {
    const array = value as unknown[];
    const out: Json[] = [];
    for (let i = 0; i < array.length; i++) {
      const item = copyValue(array[i], depth);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      arrayPush(out, item);
    }
    freeze(out);
    return out;
  }
  if (proto !== objectPrototype) return NOT_PLAIN;
  const out: Record<string, Json> = {};
  let keys = 0;
  // for-in visits own keys in the order JSON.stringify does; inherited keys are skipped, as JSON does.
  for (const key in value) {
    if (!hasOwn(value, key)) continue;
    // Assigning `__proto__` would set the prototype; JSON.parse makes an own property instead.
    if (key === '__proto__') return NOT_PLAIN;
    left -= key.length + 3;
    const item = copyValue((value as Record<string, unknown>)[key], depth);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    out[key] = item;
    keys++;
  }
  // Every empty object becomes the one frozen EMPTY_BODY: the most common body costs no object per message.
  return keys === 0 ? EMPTY_BODY : freeze(out);
}

/** Parts joined like console.log: strings as they are, everything else as JSON. */
export function formatParts(parts: unknown[]): string {
  let text = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (i > 0) text += ' ';
    if (typeof p === 'string') text += p;
    else if (p instanceof Error) text += describeError(p);
    else {
      let json: string | undefined;
      try {
        json = JSON.stringify(p);
      } catch {
        json = undefined;
      }
      text += json ?? String(p);
    }
  }
  return text;
}

/** "Name: message" for errors; anything else thrown is shown as the value. */
export function describeError(err: unknown, withName = true): string {
  if (err instanceof Error || (err !== null && typeof err === 'object' && 'message' in err)) {
    const e = err as Error;
    return withName ? `${e.name ?? 'Error'}: ${e.message}` : String(e.message);
  }
  return `Uncaught ${formatParts([err])}`;
}

/** `${type}_ok` per request type: replies share one string instead of making one each (pure, so shared). */
const replyTypes = new Map<string, string>();
export function replyTypeOf(type: string): string {
  let replyType = replyTypes.get(type);
  if (replyType === undefined) {
    replyType = `${type}_ok`;
    if (typeof type === 'string' && replyTypes.size < 1024) replyTypes.set(type, replyType);
  }
  return replyType;
}

/**
 * Make a message read-only, body included. In-process the handler gets the very object the trace keeps,
 * and in a Worker it gets a copy: freezing both makes a learner's `msg.body.x = ...` the same TypeError in
 * every host, instead of a silent change to the recorded trace in one host only.
 */
export function freezeMessage<T extends object>(message: T): T {
  freezeDeep(message);
  return message;
}

function freezeDeep(value: unknown): void {
  if (value === null || typeof value !== 'object' || isFrozen(value)) return;
  freeze(value);
  // for-in rather than Object.keys: no array per object. Values are JSON (plain objects and arrays), whose
  // enumerable keys are all own.
  for (const key in value) freezeDeep((value as Record<string, unknown>)[key]);
}
