/**
 * A fingerprint of a realm's global object and its built-ins, to tell whether role code changed them: taken
 * once before any role code runs, and compared after a run, before the realm serves another run (Check
 * reuses node Workers across seeds). It records, for the global, every object or function on it, and every
 * object or function on those (so `Array.prototype.map` and `Object.prototype` are in), each own property's
 * key, value or accessors and attributes, each object's prototype and extensibility. Reading descriptors
 * never runs a getter. Deeper objects (`Intl.DateTimeFormat.prototype`'s methods' own properties) are not
 * walked: a change there is not seen.
 */
const DEPTH = 2;

// Taken when this module loads, before any role code could replace them.
const { ownKeys, getOwnPropertyDescriptor, getPrototypeOf, isExtensible } = Reflect;
const is = Object.is;

export function realmPrint(global: object): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<object>();
  const visit = (target: object, depth: number) => {
    if (seen.has(target)) return;
    seen.add(target);
    out.push(target, getPrototypeOf(target), isExtensible(target));
    for (const key of ownKeys(target)) {
      const d = getOwnPropertyDescriptor(target, key);
      if (!d) continue;
      out.push(key, d.value, d.get, d.set, d.writable, d.enumerable, d.configurable);
      if (depth >= DEPTH) continue;
      for (const next of [d.value, d.get, d.set])
        if ((typeof next === 'object' && next !== null) || typeof next === 'function') visit(next, depth + 1);
    }
  };
  visit(global, 0);
  return out;
}

export function samePrint(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!is(a[i], b[i])) return false;
  return true;
}
