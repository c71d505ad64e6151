import { describe, expect, it } from 'vitest';
import type { Json } from '../kernel/protocol';
import { MAX_BODY_CHARS, snapshot } from './format';

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
    const odd: unknown[] = [
      { u: undefined, n: NaN, i: -Infinity },
      [undefined, NaN],
      [1, , 3],
      { when: new Date(0) },
      { custom: { toJSON: () => 'custom' } },
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

  it('refuses, by name and path, what JSON would silently turn into something else or cannot write', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const refused: [unknown, string][] = [
      [{ a: { f: () => 1 } }, 'the message body.a.f is a function'],
      [[1, Symbol('s')], 'the message body[1] is a symbol'],
      [{ point: new Point(1, 2) }, 'the message body.point is a Point'],
      [{ map: new Map([[1, 2]]) }, 'the message body.map is a Map'],
      [new Set([1]), 'the message body is a Set'],
      [cyclic, 'the message body.self refers back to itself (a cycle)'],
      [{ big: 1n }, 'the message body.big is a BigInt'],
      [() => 1, 'the message body is a function'],
    ];
    for (const [value, message] of refused) expect(() => snapshot(value as Json)).toThrow(message);
    // The same object twice (not a cycle) is fine, as in JSON.
    const shared = { x: 1 };
    expect(snapshot({ a: shared, b: [shared, new Date(0)] } as unknown as Json)).toEqual(
      viaJson({ a: shared, b: [shared, new Date(0)] }),
    );
  });

  it(`refuses a body over ${MAX_BODY_CHARS / 1024} KB of JSON, without copying it first`, () => {
    const cap = /over the 64 KB cap/;
    expect(() => snapshot('x'.repeat(MAX_BODY_CHARS + 1))).toThrow(cap);
    expect(() => snapshot({ text: 'x'.repeat(50_000_000) })).toThrow(cap);
    expect(() => snapshot({ list: new Array(100_000).fill(1) } as Json)).toThrow(cap);
    expect(() =>
      snapshot({ when: new Date(0), text: 'x'.repeat(MAX_BODY_CHARS) } as unknown as Json),
    ).toThrow(cap);
    const under = { text: 'x'.repeat(MAX_BODY_CHARS - 100) };
    expect(snapshot(under)).toEqual(under);
  });

  it('passes primitives through and makes undefined null', () => {
    expect(snapshot(undefined)).toBeNull();
    expect(snapshot('s')).toBe('s');
    expect(snapshot(3)).toBe(3);
  });
});
