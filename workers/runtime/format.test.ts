import { describe, expect, it } from 'vitest';
import type { Json } from '../kernel/protocol';
import { snapshot } from './format';

const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('snapshot', () => {
  it('copies plain JSON exactly like a JSON round trip, sharing nothing', () => {
    const body = { a: 1, b: [1, 'two', { c: null, d: true }], 2: 'x', 1: 'y', e: {}, f: [], g: -0 };
    const copy = snapshot(body as Json);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(viaJson(body)));
    expect(Object.keys(copy as object)).toEqual(Object.keys(viaJson(body) as object));
    expect(Object.is((copy as { g: number }).g, 0)).toBe(true);
    body.b.push('later');
    (body.e as Record<string, number>).z = 1;
    expect(copy).toEqual(viaJson({ ...body, b: [1, 'two', { c: null, d: true }], e: {} }));
  });

  it('freezes the copy all the way down; every empty object is one shared frozen {}', () => {
    const copy = snapshot({ a: { b: [1, {}] }, e: {} }) as { a: { b: [number, object] }; e: object };
    expect(Object.isFrozen(copy) && Object.isFrozen(copy.a) && Object.isFrozen(copy.a.b)).toBe(true);
    expect(copy.e).toBe(snapshot({}));
    expect(copy.a.b[1]).toBe(copy.e);
    expect(Object.isFrozen(copy.e)).toBe(true);
    expect(JSON.stringify(copy.e)).toBe('{}');
  });

  it('gives what JSON gives for values JSON transforms', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const odd: unknown[] = [
      { u: undefined, n: NaN, i: -Infinity },
      [undefined, () => 1, Symbol('s'), NaN],
      [1, , 3],
      { when: new Date(0) },
      { custom: { toJSON: () => 'custom' } },
      { point: new Point(1, 2) },
      { map: new Map([[1, 2]]) },
      JSON.parse('{"__proto__": {"x": 1}}'),
      Object.assign(Object.create(null) as object, { a: 1 }),
      { deep: JSON.parse('['.repeat(100) + ']'.repeat(100)) as unknown },
    ];
    for (const value of odd) {
      const copy = snapshot(value as Json);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(viaJson(value)));
      expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(viaJson(value)));
    }
  });

  it('throws what JSON throws', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => snapshot(cyclic as Json)).toThrow(/circular/);
    expect(() => snapshot({ big: 1n } as unknown as Json)).toThrow(/BigInt/);
  });

  it('passes primitives through and makes undefined null', () => {
    expect(snapshot(undefined)).toBeNull();
    expect(snapshot('s')).toBe('s');
    expect(snapshot(3)).toBe(3);
  });
});
