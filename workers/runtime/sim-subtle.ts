/**
 * Web Crypto's `crypto.subtle` for role code, deterministic: HMAC, AES-GCM and SHA digests computed in pure
 * JavaScript (@noble/hashes, @noble/ciphers), with the standard signatures. Why not the platform's: its
 * promises settle on a real task outside the simulation's control, so where a node's batch ends would depend
 * on the machine; these settle as microtasks of the calling node, the same in a Worker, in-process and in a
 * vm realm (which has no `subtle` at all). Keys drawn here (`generateKey`) come from the node's seeded stream.
 *
 * Supported (anything else rejects with a `NotSupportedError` that says what is):
 * - `importKey('raw' | 'jwk', key, 'HMAC' + hash | 'AES-GCM', extractable, usages)`, `exportKey`, `generateKey`;
 * - `sign` / `verify` with HMAC (SHA-1, SHA-256, SHA-384, SHA-512);
 * - `encrypt` / `decrypt` with AES-GCM (128/192/256-bit keys, any IV length, `additionalData`, 128-bit tag);
 * - `digest('SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512', data)`.
 * A failed AES-GCM decryption (tampered ciphertext, wrong key, IV or additional data) rejects with an
 * `OperationError`, as in browsers.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import { freeze, promiseThen } from './intrinsics';

type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
const HASHES: Record<HashName, CHash> = {
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};
/** HMAC's default key length (bits) per hash, as Web Crypto's generateKey uses: the hash's block size. */
const BLOCK_BITS: Record<HashName, number> = {
  'SHA-1': 512,
  'SHA-256': 512,
  'SHA-384': 1024,
  'SHA-512': 1024,
};

type KeyAlgorithm =
  { name: 'HMAC'; hash: { name: HashName }; length: number } | { name: 'AES-GCM'; length: number };

/** A key as role code sees it (CryptoKey's fields); its bytes stay here, out of reach of role code. */
interface SimKey {
  readonly type: 'secret';
  readonly extractable: boolean;
  readonly algorithm: KeyAlgorithm;
  readonly usages: readonly string[];
}
const keyBytes = new WeakMap<object, Uint8Array>();
/** Taken at load: role code that replaces `Promise` later changes only its own promises. */
const resolved = Promise.resolve();

/** An error shaped like the DOMException browsers reject with (a vm realm has no DOMException). */
function cryptoError(
  name: 'NotSupportedError' | 'OperationError' | 'InvalidAccessError' | 'DataError' | 'SyntaxError',
  message: string,
): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** A copy of a BufferSource's bytes (ArrayBuffer, typed array or DataView), or a TypeError. */
function bytesOf(data: unknown, what: string): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  throw new TypeError(`crypto.subtle: ${what} must be an ArrayBuffer or a typed array (e.g. a Uint8Array)`);
}

/** A fresh ArrayBuffer holding exactly these bytes (what Web Crypto resolves with). */
function bufferOf(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.length);
  new Uint8Array(out).set(bytes);
  return out;
}

function algorithmName(algorithm: unknown): string {
  const name = typeof algorithm === 'string' ? algorithm : (algorithm as { name?: unknown } | null)?.name;
  if (typeof name !== 'string')
    throw new TypeError('crypto.subtle: the algorithm needs a name, e.g. { name: "HMAC" }');
  return name.toUpperCase();
}

function hashName(hash: unknown): HashName {
  const name = hash === undefined ? undefined : algorithmName(hash);
  if (name && name in HASHES) return name as HashName;
  throw cryptoError(
    'NotSupportedError',
    `crypto.subtle: hash ${String(name)} is not supported here (SHA-1, SHA-256, SHA-384, SHA-512 are)`,
  );
}

function makeKey(algorithm: KeyAlgorithm, bytes: Uint8Array, extractable: boolean, usages: unknown): SimKey {
  const list = Array.isArray(usages) ? usages.map(String) : [];
  const key = freeze({
    type: 'secret' as const,
    extractable: Boolean(extractable),
    algorithm: freeze(algorithm),
    usages: freeze(list),
  });
  keyBytes.set(key, bytes);
  return key;
}

/** The key's bytes, after checking it is one of ours, of this algorithm, allowed for this use. */
function useKey(key: unknown, algorithm: 'HMAC' | 'AES-GCM', usage: string): Uint8Array {
  const bytes = typeof key === 'object' && key !== null ? keyBytes.get(key) : undefined;
  if (!bytes) throw new TypeError('crypto.subtle: the key must be a CryptoKey from importKey or generateKey');
  const k = key as SimKey;
  if (k.algorithm.name !== algorithm)
    throw cryptoError(
      'InvalidAccessError',
      `crypto.subtle: this is an ${k.algorithm.name} key, not ${algorithm}`,
    );
  if (!k.usages.includes(usage))
    throw cryptoError(
      'InvalidAccessError',
      `crypto.subtle: the key was imported without the '${usage}' usage`,
    );
  return bytes;
}

function aesLength(bytes: Uint8Array): number {
  if (bytes.length !== 16 && bytes.length !== 24 && bytes.length !== 32)
    throw cryptoError('DataError', `crypto.subtle: an AES key is 16, 24 or 32 bytes, not ${bytes.length}`);
  return bytes.length * 8;
}

const b64urlChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.ceil((Math.min(3, bytes.length - i) * 8) / 6);
    for (let c = 0; c < chars; c++) out += b64urlChars[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

function fromBase64url(text: string): Uint8Array {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = b64urlChars.indexOf(ch);
    if (v < 0) throw cryptoError('DataError', 'crypto.subtle: a JWK "k" is base64url text');
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 255);
    }
  }
  return Uint8Array.from(out);
}

function importKey(
  format: unknown,
  keyData: unknown,
  algorithm: unknown,
  extractable: unknown,
  usages: unknown,
): SimKey {
  let bytes: Uint8Array;
  if (format === 'raw') bytes = bytesOf(keyData, 'the key');
  else if (format === 'jwk') {
    const k = (keyData as { kty?: unknown; k?: unknown } | null)?.k;
    if ((keyData as { kty?: unknown } | null)?.kty !== 'oct' || typeof k !== 'string')
      throw cryptoError(
        'DataError',
        'crypto.subtle: only secret JWKs ({ kty: "oct", k }) are supported here',
      );
    bytes = fromBase64url(k);
  } else
    throw cryptoError(
      'NotSupportedError',
      `crypto.subtle: key format ${String(format)} is not supported here ('raw' and 'jwk' are)`,
    );
  const name = algorithmName(algorithm);
  if (name === 'HMAC') {
    const hash = hashName((algorithm as { hash?: unknown }).hash);
    if (bytes.length === 0) throw cryptoError('DataError', 'crypto.subtle: an HMAC key cannot be empty');
    return makeKey(
      { name: 'HMAC', hash: { name: hash }, length: bytes.length * 8 },
      bytes,
      Boolean(extractable),
      usages,
    );
  }
  if (name === 'AES-GCM')
    return makeKey({ name: 'AES-GCM', length: aesLength(bytes) }, bytes, Boolean(extractable), usages);
  throw cryptoError(
    'NotSupportedError',
    `crypto.subtle: ${name} is not supported here (HMAC and AES-GCM are)`,
  );
}

function exportKey(
  format: unknown,
  key: unknown,
): ArrayBuffer | { kty: 'oct'; k: string; alg: string; ext: true; key_ops: string[] } {
  const bytes = typeof key === 'object' && key !== null ? keyBytes.get(key) : undefined;
  if (!bytes) throw new TypeError('crypto.subtle: the key must be a CryptoKey from importKey or generateKey');
  const k = key as SimKey;
  if (!k.extractable) throw cryptoError('InvalidAccessError', 'crypto.subtle: the key is not extractable');
  if (format === 'raw') return bufferOf(bytes);
  if (format === 'jwk') {
    const alg =
      k.algorithm.name === 'HMAC' ? `HS${k.algorithm.hash.name.slice(4)}` : `A${k.algorithm.length}GCM`;
    return { kty: 'oct', k: toBase64url(bytes), alg, ext: true, key_ops: [...k.usages] };
  }
  throw cryptoError(
    'NotSupportedError',
    `crypto.subtle: key format ${String(format)} is not supported here ('raw' and 'jwk' are)`,
  );
}

function generateKey(
  algorithm: unknown,
  extractable: unknown,
  usages: unknown,
  random: () => number,
): SimKey {
  const name = algorithmName(algorithm);
  const length = Number((algorithm as { length?: unknown }).length);
  const draw = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  if (name === 'HMAC') {
    const hash = hashName((algorithm as { hash?: unknown }).hash);
    const bits = Number.isFinite(length) && length > 0 ? length : BLOCK_BITS[hash];
    return makeKey(
      { name: 'HMAC', hash: { name: hash }, length: bits },
      draw(Math.ceil(bits / 8)),
      Boolean(extractable),
      usages,
    );
  }
  if (name === 'AES-GCM') {
    if (length !== 128 && length !== 192 && length !== 256)
      throw cryptoError('OperationError', 'crypto.subtle: an AES-GCM key has length 128, 192 or 256');
    return makeKey({ name: 'AES-GCM', length }, draw(length / 8), Boolean(extractable), usages);
  }
  throw cryptoError(
    'NotSupportedError',
    `crypto.subtle: ${name} is not supported here (HMAC and AES-GCM are)`,
  );
}

function hmacOf(key: unknown, usage: 'sign' | 'verify', data: unknown): Uint8Array {
  const bytes = useKey(key, 'HMAC', usage);
  const hash = HASHES[((key as SimKey).algorithm as { hash: { name: HashName } }).hash.name];
  return hmac(hash, bytes, bytesOf(data, 'the data'));
}

/** AES-GCM's parameters: IV, additional data, and the one tag length supported. */
function gcmParams(algorithm: unknown): { iv: Uint8Array; aad: Uint8Array | undefined } {
  const params = algorithm as { iv?: unknown; additionalData?: unknown; tagLength?: unknown };
  if (params.iv === undefined)
    throw new TypeError('crypto.subtle: AES-GCM needs an iv (12 random bytes, new for every message)');
  const iv = bytesOf(params.iv, 'iv');
  if (iv.length === 0) throw cryptoError('OperationError', 'crypto.subtle: the AES-GCM iv cannot be empty');
  if (params.tagLength !== undefined && params.tagLength !== 128)
    throw cryptoError(
      'NotSupportedError',
      'crypto.subtle: only AES-GCM with the 128-bit tag is supported here',
    );
  return {
    iv,
    aad: params.additionalData === undefined ? undefined : bytesOf(params.additionalData, 'additionalData'),
  };
}

function aesGcm(mode: 'encrypt' | 'decrypt', algorithm: unknown, key: unknown, data: unknown): ArrayBuffer {
  const name = algorithmName(algorithm);
  if (name !== 'AES-GCM')
    throw cryptoError('NotSupportedError', `crypto.subtle: ${mode} supports AES-GCM only, not ${name}`);
  const bytes = useKey(key, 'AES-GCM', mode);
  const { iv, aad } = gcmParams(algorithm);
  const input = bytesOf(data, 'the data');
  const cipher = gcm(bytes, iv, aad);
  if (mode === 'encrypt') return bufferOf(cipher.encrypt(input));
  try {
    return bufferOf(cipher.decrypt(input));
  } catch {
    // Browsers say nothing more either: which of key, iv, data or tag was wrong is not to be learned.
    throw cryptoError(
      'OperationError',
      'crypto.subtle: AES-GCM decryption failed (wrong key, iv or additionalData, or the ciphertext was changed)',
    );
  }
}

/** Constant time, as a verifier must be: the time taken says nothing of where the bytes differ. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * The subtle object of one node: `random` is its seeded stream (generateKey). Each method does its work in
 * a microtask of the caller and resolves (or rejects, as Web Crypto does for bad arguments too) with the result.
 */
export function makeSimSubtle(random: () => number): SubtleCrypto {
  const later = <T>(work: () => T): Promise<T> =>
    promiseThen(resolved, work, undefined as never) as Promise<T>;
  const subtle = {
    digest: (algorithm: unknown, data: unknown) =>
      later(() => bufferOf(HASHES[hashName(algorithm)](bytesOf(data, 'the data')))),
    importKey: (
      format: unknown,
      keyData: unknown,
      algorithm: unknown,
      extractable: unknown,
      usages: unknown,
    ) => later(() => importKey(format, keyData, algorithm, extractable, usages)),
    exportKey: (format: unknown, key: unknown) => later(() => exportKey(format, key)),
    generateKey: (algorithm: unknown, extractable: unknown, usages: unknown) =>
      later(() => generateKey(algorithm, extractable, usages, random)),
    sign: (algorithm: unknown, key: unknown, data: unknown) =>
      later(() => {
        if (algorithmName(algorithm) !== 'HMAC')
          throw cryptoError('NotSupportedError', 'crypto.subtle: sign supports HMAC only');
        return bufferOf(hmacOf(key, 'sign', data));
      }),
    verify: (algorithm: unknown, key: unknown, signature: unknown, data: unknown) =>
      later(() => {
        if (algorithmName(algorithm) !== 'HMAC')
          throw cryptoError('NotSupportedError', 'crypto.subtle: verify supports HMAC only');
        return sameBytes(hmacOf(key, 'verify', data), bytesOf(signature, 'the signature'));
      }),
    encrypt: (algorithm: unknown, key: unknown, data: unknown) =>
      later(() => aesGcm('encrypt', algorithm, key, data)),
    decrypt: (algorithm: unknown, key: unknown, data: unknown) =>
      later(() => aesGcm('decrypt', algorithm, key, data)),
  };
  for (const name of ['deriveKey', 'deriveBits', 'wrapKey', 'unwrapKey'] as const) {
    (subtle as Record<string, unknown>)[name] = () =>
      later(() => {
        throw cryptoError(
          'NotSupportedError',
          `crypto.subtle.${name} is not supported here (importKey, sign, verify, encrypt, decrypt, digest are)`,
        );
      });
  }
  return freeze(subtle) as unknown as SubtleCrypto;
}
