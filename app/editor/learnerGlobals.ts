/**
 * The globals role code may use besides the node API, as declarations for the editor (its TypeScript lib is
 * ES2022 only, no DOM: role code runs in a Worker): `console`, the text and base64 codecs, and Web Crypto
 * as the runtime gives it (workers/runtime/sim-subtle.ts: HMAC, AES-GCM and SHA digests, deterministic).
 * Keep it in step with what sim-subtle.ts supports: the editor should not offer what would reject.
 */
export const learnerGlobals = `
declare const console: { log(...parts: unknown[]): void; warn(...parts: unknown[]): void; error(...parts: unknown[]): void };

/** Bytes for crypto.subtle: an ArrayBuffer or a typed array (e.g. a Uint8Array). */
type BufferSource = ArrayBuffer | ArrayBufferView;
declare class TextEncoder { readonly encoding: 'utf-8'; /** The string's UTF-8 bytes. */ encode(input?: string): Uint8Array<ArrayBuffer> }
declare class TextDecoder {
  constructor(label?: 'utf-8', options?: { fatal?: boolean });
  readonly encoding: 'utf-8';
  /** The string whose UTF-8 bytes these are. */
  decode(input?: BufferSource): string;
}
/** Base64 of a string of Latin1 characters (e.g. \`btoa(String.fromCharCode(...bytes))\`). */
declare function btoa(data: string): string;
/** The Latin1 string a base64 text encodes (e.g. \`Uint8Array.from(atob(text), (c) => c.charCodeAt(0))\`). */
declare function atob(data: string): string;

type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
type KeyUsage = 'encrypt' | 'decrypt' | 'sign' | 'verify';
/** A secret key from importKey or generateKey; its bytes stay inside crypto.subtle. */
interface CryptoKey {
  readonly type: 'secret';
  readonly extractable: boolean;
  readonly algorithm: { name: 'HMAC'; hash: { name: HashName }; length: number } | { name: 'AES-GCM'; length: number };
  readonly usages: readonly KeyUsage[];
}
interface HmacParams { name: 'HMAC'; hash: HashName | { name: HashName }; length?: number }
/** AES-GCM's parameters: a fresh \`iv\` for every message under a key (12 random bytes), optional authenticated \`additionalData\`. */
interface AesGcmParams { name: 'AES-GCM'; iv: BufferSource; additionalData?: BufferSource; tagLength?: 128 }
interface JsonWebKey { kty: 'oct'; k: string; alg?: string; ext?: boolean; key_ops?: string[] }
/**
 * Web Crypto, deterministic: the same seed gives the same keys, IVs and results, in the browser and headless.
 * Supported: HMAC (sign, verify), AES-GCM (encrypt, decrypt), digest; keys as 'raw' bytes or secret JWKs.
 * A failed AES-GCM decryption (a changed byte, the wrong key or IV) rejects with an OperationError.
 */
interface SubtleCrypto {
  /** @example const key = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']); */
  importKey(format: 'raw', keyData: BufferSource, algorithm: HmacParams | 'AES-GCM' | { name: 'AES-GCM' }, extractable: boolean, keyUsages: KeyUsage[]): Promise<CryptoKey>;
  importKey(format: 'jwk', keyData: JsonWebKey, algorithm: HmacParams | 'AES-GCM' | { name: 'AES-GCM' }, extractable: boolean, keyUsages: KeyUsage[]): Promise<CryptoKey>;
  exportKey(format: 'raw', key: CryptoKey): Promise<ArrayBuffer>;
  exportKey(format: 'jwk', key: CryptoKey): Promise<JsonWebKey>;
  /** A new key drawn from the node's seeded stream. */
  generateKey(algorithm: HmacParams | { name: 'AES-GCM'; length: 128 | 192 | 256 }, extractable: boolean, keyUsages: KeyUsage[]): Promise<CryptoKey>;
  /** The HMAC of \`data\` under \`key\`. */
  sign(algorithm: 'HMAC' | { name: 'HMAC' }, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  /** Whether \`signature\` is the HMAC of \`data\` under \`key\` (compared in constant time). */
  verify(algorithm: 'HMAC' | { name: 'HMAC' }, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean>;
  /** Ciphertext and the 16-byte tag after it. @example await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes) */
  encrypt(algorithm: AesGcmParams, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  /** The plaintext, or a rejection (OperationError) if anything was changed. */
  decrypt(algorithm: AesGcmParams, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  digest(algorithm: HashName | { name: HashName }, data: BufferSource): Promise<ArrayBuffer>;
}
declare const crypto: {
  /** A random UUID from the node's seeded stream. */
  randomUUID(): string;
  readonly subtle: SubtleCrypto;
  /** Fills the array with bytes from the node's seeded stream (keys, IVs, nonces), and returns it. */
  getRandomValues<T extends ArrayBufferView>(array: T): T;
};
`;
