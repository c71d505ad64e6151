/**
 * The exact shapes of the node runtime's hot effects, shared by the places that store or ship them compactly
 * (the trace's columns, the Worker wire codec): both must rebuild objects with the same keys in the same
 * order, because the trace hash is their JSON text.
 */
import type { Json } from './protocol';

/** Keys of a `send` effect, in the runtime's order (incarnation.ts; a test pins it). */
export const SEND_KEYS: readonly string[] = ['t', 'kind', 'node', 'message'];
/** Keys of a `deliver` effect, in the runtime's order. */
export const DELIVER_KEYS: readonly string[] = ['t', 'kind', 'node', 'messageId', 'from', 'type'];

/** True when `object`'s enumerable keys are exactly `keys`, in that order (for-in: no array made). */
export function hasKeys(object: object, keys: readonly string[]): boolean {
  let k = 0;
  for (const key in object) if (key !== keys[k++]) return false;
  return k === keys.length;
}

/**
 * The one empty body: a frozen `{}`, so sharing it is safe. The runtime's body copy returns it for every empty
 * object, the trace keeps it as no object at all, the wire codec decodes an empty body to it.
 */
export const EMPTY_BODY: Json = Object.freeze({});

/** A plain object with no enumerable keys and no toJSON: its JSON is `{}`, and EMPTY_BODY may stand for it. */
export function isEmptyBody(value: unknown): boolean {
  if (value === EMPTY_BODY) return true;
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype)
    return false;
  for (const _ in value) return false;
  return !('toJSON' in value);
}
