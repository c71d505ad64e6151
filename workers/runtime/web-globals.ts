/**
 * The Web platform's text and base64 globals a Worker gives role code, for a `node:vm` realm, which has only
 * ECMAScript built-ins: `TextEncoder`, `TextDecoder` (UTF-8) and `btoa`/`atob`. Role code that turns a
 * string into bytes for `crypto.subtle` (and bytes into base64 for a JSON message) then runs the same headless
 * as in the browser. Pure JavaScript, so nothing of Node leaks in; the sealed host (sealed-host.ts) endows
 * the same, hardened, to each Compartment.
 */

function utf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of String(text)) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate, as TextEncoder does
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** The WHATWG Encoding standard's UTF-8 decoder: one U+FFFD per maximal invalid subsequence. */
function utf8Decode(bytes: Uint8Array, fatal: boolean): string {
  let out = '';
  let needed = 0;
  let seen = 0;
  let code = 0;
  let lower = 0x80;
  let upper = 0xbf;
  const error = (): void => {
    if (fatal) throw new TypeError('The encoded data was not valid UTF-8');
    out += '\ufffd';
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      if (b <= 0x7f) out += String.fromCharCode(b);
      else if (b >= 0xc2 && b <= 0xdf) [needed, code] = [1, b & 0x1f];
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        [needed, code] = [2, b & 0xf];
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        [needed, code] = [3, b & 0x7];
      } else error();
      continue;
    }
    if (b < lower || b > upper) {
      [needed, seen, code, lower, upper] = [0, 0, 0, 0x80, 0xbf];
      error();
      i--; // this byte starts over
      continue;
    }
    [lower, upper] = [0x80, 0xbf];
    code = (code << 6) | (b & 0x3f);
    if (++seen === needed) {
      out += String.fromCodePoint(code);
      [needed, seen, code] = [0, 0, 0];
    }
  }
  if (needed !== 0) error();
  return out;
}

function bytesOf(input: unknown): Uint8Array {
  if (input === undefined) return new Uint8Array(0);
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError('TextDecoder.decode: the input must be an ArrayBuffer or a typed array');
}

class PlaygroundTextEncoder {
  get encoding(): string {
    return 'utf-8';
  }
  encode(text = ''): Uint8Array {
    return utf8Encode(text);
  }
}

class PlaygroundTextDecoder {
  readonly fatal: boolean;
  constructor(label = 'utf-8', options: { fatal?: boolean } = {}) {
    if (!/^(utf-?8|unicode-1-1-utf-8)$/i.test(String(label).trim()))
      throw new RangeError(`TextDecoder: only utf-8 is available here, not '${String(label)}'`);
    this.fatal = Boolean(options.fatal);
  }
  get encoding(): string {
    return 'utf-8';
  }
  decode(input?: unknown): string {
    let bytes = bytesOf(input);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    return utf8Decode(bytes, this.fatal);
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function invalidCharacter(message: string): Error {
  const error = new Error(message);
  error.name = 'InvalidCharacterError';
  return error;
}

function btoa(data: unknown): string {
  const text = String(data);
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const codes = [text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)];
    if (codes.some((c) => c > 255)) throw invalidCharacter('btoa: the string has characters outside Latin1');
    const left = text.length - i;
    const n = (codes[0]! << 16) | ((left > 1 ? codes[1]! : 0) << 8) | (left > 2 ? codes[2]! : 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += left > 1 ? B64[(n >> 6) & 63]! : '=';
    out += left > 2 ? B64[n & 63]! : '=';
  }
  return out;
}

function atob(data: unknown): string {
  let text = String(data).replace(/[\t\n\f\r ]/g, '');
  if (text.length % 4 === 0) text = text.replace(/==?$/, '');
  if (text.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(text))
    throw invalidCharacter('atob: the string is not correctly encoded base64');
  let out = '';
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    value = (value << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 255);
    }
  }
  return out;
}

/** Install the globals on a realm's global object (before any role code runs). */
export function installWebGlobals(global: Record<string, unknown>): void {
  global.TextEncoder = PlaygroundTextEncoder;
  global.TextDecoder = PlaygroundTextDecoder;
  global.btoa = btoa;
  global.atob = atob;
}
