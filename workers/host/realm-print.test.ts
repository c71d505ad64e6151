import { afterEach, describe, expect, it } from 'vitest';
import { realmPrint, samePrint } from './realm-print';

const global = globalThis as Record<string, unknown>;

describe('realmPrint', () => {
  const undo: (() => void)[] = [];
  afterEach(() => undo.splice(0).forEach((f) => f()));

  it('is the same for an untouched realm, and for role code that only makes its own objects', () => {
    const before = realmPrint(globalThis);
    const mine = { a: [1, 2].map((x) => x * 2), m: new Map([[1, 'x']]) };
    expect(mine.a).toEqual([2, 4]);
    expect(samePrint(before, realmPrint(globalThis))).toBe(true);
  });

  it('sees a replaced prototype method, a new prototype property, a new global and a changed prototype', () => {
    const cases: [string, () => () => void][] = [
      [
        'Array.prototype.map replaced',
        () => {
          const map = Array.prototype.map;
          Array.prototype.map = function () {
            return [];
          };
          return () => (Array.prototype.map = map);
        },
      ],
      [
        'Object.prototype polluted',
        () => {
          Object.defineProperty(Object.prototype, 'polluted', { value: 1, configurable: true });
          return () => delete (Object.prototype as Record<string, unknown>).polluted;
        },
      ],
      [
        'a global written',
        () => {
          global.stash = { seen: 1 };
          return () => delete global.stash;
        },
      ],
      [
        'JSON made non-extensible',
        () => {
          const copy = global.JSON;
          global.JSON = Object.preventExtensions({ ...JSON });
          return () => (global.JSON = copy);
        },
      ],
    ];
    for (const [what, change] of cases) {
      const before = realmPrint(globalThis);
      undo.push(change());
      expect(samePrint(before, realmPrint(globalThis)), what).toBe(false);
      undo.pop()!();
      expect(samePrint(before, realmPrint(globalThis)), `${what}, undone`).toBe(true);
    }
  });
});
