/** The vm realm's TextEncoder, TextDecoder, btoa and atob say what Node's (the Web platform's) say. */
import { describe, expect, it } from 'vitest';
import { installWebGlobals } from './web-globals';

const realm: Record<string, unknown> = {};
installWebGlobals(realm);
const Encoder = realm.TextEncoder as typeof TextEncoder;
const Decoder = realm.TextDecoder as typeof TextDecoder;
const btoa = realm.btoa as (s: string) => string;
const atob = realm.atob as (s: string) => string;

const samples = [
  '',
  'a',
  'héllo wörld',
  '€ 100',
  '𝄞 clef',
  'x\u0000y',
  'lone \ud800 surrogate',
  'ab',
  'abc',
  'abcd',
];

describe('web globals of a vm realm', () => {
  it('encodes and decodes UTF-8 as the platform does', () => {
    for (const s of samples) {
      const mine = new Encoder().encode(s);
      expect(Array.from(mine)).toEqual(Array.from(new TextEncoder().encode(s)));
      expect(new Decoder().decode(mine)).toBe(new TextDecoder().decode(mine));
    }
    const bad = Uint8Array.from([
      0x61, 0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0x80, 0xff,
    ]);
    expect(new Decoder().decode(bad)).toBe(new TextDecoder().decode(bad));
    expect(() => new Decoder('utf-8', { fatal: true }).decode(bad)).toThrow(TypeError);
    expect(() => new Decoder('latin1')).toThrow(RangeError);
  });

  it('btoa and atob round-trip Latin1 as the platform does, and refuse what it refuses', () => {
    for (const s of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', '\u00ff\u0000\u0080']) {
      expect(btoa(s)).toBe(globalThis.btoa(s));
      expect(atob(btoa(s))).toBe(s);
    }
    expect(atob(' Zm9v YmE= ')).toBe('fooba');
    expect(() => btoa('€')).toThrow(/Latin1/);
    expect(() => atob('Zm9v!')).toThrow(/base64/);
    expect(() => atob('Z')).toThrow(/base64/);
  });
});
