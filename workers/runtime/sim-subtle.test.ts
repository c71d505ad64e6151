/**
 * The deterministic Web Crypto (sim-subtle.ts) against published test vectors (RFC 4231 for HMAC, the GCM
 * specification's test case 4, FIPS 180 for SHA-256), against the platform's own Web Crypto on the same
 * inputs, and its refusals: a tampered ciphertext, a wrong key, a key without the usage.
 */
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeSimSubtle } from './sim-subtle';

const hex = (buf: ArrayBuffer | Uint8Array) =>
  Array.from(buf instanceof Uint8Array ? buf : new Uint8Array(buf), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
const bytes = (h: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
const text = (s: string) => new TextEncoder().encode(s);

let draws = 0;
const subtle = makeSimSubtle(() => (draws = (draws * 16807 + 11) % 2147483647) / 2147483647);
const hmacKey = (key: BufferSource, hash = 'SHA-256') =>
  subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign', 'verify']);
const aesKey = (key: BufferSource, usages: KeyUsage[] = ['encrypt', 'decrypt']) =>
  subtle.importKey('raw', key, 'AES-GCM', true, usages);

describe('sim-subtle: HMAC (RFC 4231)', () => {
  const cases = [
    {
      name: 'test case 1',
      key: bytes('0b'.repeat(20)),
      data: text('Hi There'),
      sha256: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
      sha512:
        '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
    },
    {
      name: 'test case 2 (a key shorter than the output)',
      key: text('Jefe'),
      data: text('what do ya want for nothing?'),
      sha256: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
      sha512:
        '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    },
    {
      name: 'test case 6 (a key larger than the block)',
      key: bytes('aa'.repeat(131)),
      data: text('Test Using Larger Than Block-Size Key - Hash Key First'),
      sha256: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
      sha512:
        '80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: sign gives the RFC's tag, verify accepts it and refuses a changed one`, async () => {
      const key = await hmacKey(c.key);
      const tag = new Uint8Array(await subtle.sign('HMAC', key, c.data));
      expect(hex(tag)).toBe(c.sha256);
      expect(hex(await subtle.sign('HMAC', await hmacKey(c.key, 'SHA-512'), c.data))).toBe(c.sha512);
      expect(await subtle.verify('HMAC', key, tag, c.data)).toBe(true);
      tag[5] = tag[5]! ^ 1;
      expect(await subtle.verify('HMAC', key, tag, c.data)).toBe(false);
      expect(await subtle.verify('HMAC', key, tag.slice(0, 16), c.data)).toBe(false);
    });
  }
});

describe('sim-subtle: AES-GCM (the GCM specification, test case 4)', () => {
  const key = bytes('feffe9928665731c6d6a8f9467308308');
  const iv = bytes('cafebabefacedbaddecaf888');
  const aad = bytes('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  const plain = bytes(
    'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
  );
  const cipher =
    '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091';
  const tag = '5bc94fbc3221a5db94fae95ae7121a47';

  it('encrypts to the ciphertext and tag of the vector, and decrypts back', async () => {
    const k = await aesKey(key);
    const out = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, k, plain);
    expect(hex(out)).toBe(cipher + tag);
    const back = await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, k, out);
    expect(hex(back)).toBe(hex(plain));
  });

  it('rejects a flipped byte, another IV, other additional data or another key with an OperationError', async () => {
    const k = await aesKey(key);
    const good = bytes(cipher + tag);
    const flipped = good.slice();
    flipped[3] = flipped[3]! ^ 0x40;
    const other = await aesKey(bytes('00'.repeat(16)));
    const tries = [
      subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, k, flipped),
      subtle.decrypt(
        { name: 'AES-GCM', iv: bytes('cafebabefacedbaddecaf889'), additionalData: aad },
        k,
        good,
      ),
      subtle.decrypt({ name: 'AES-GCM', iv, additionalData: text('other') }, k, good),
      subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, other, good),
    ];
    for (const attempt of tries) await expect(attempt).rejects.toMatchObject({ name: 'OperationError' });
  });

  it('refuses a key used for what it was not imported for, and an unsupported algorithm', async () => {
    const encryptOnly = await aesKey(key, ['encrypt']);
    await expect(
      subtle.decrypt({ name: 'AES-GCM', iv }, encryptOnly, bytes(cipher + tag)),
    ).rejects.toMatchObject({ name: 'InvalidAccessError' });
    await expect(subtle.importKey('raw', key, 'AES-CBC', false, ['encrypt'])).rejects.toMatchObject({
      name: 'NotSupportedError',
    });
    await expect(subtle.deriveBits({ name: 'HKDF' } as never, encryptOnly, 8)).rejects.toMatchObject({
      name: 'NotSupportedError',
    });
  });
});

describe('sim-subtle: what the platform would say', () => {
  it('digest, HMAC and AES-GCM agree with Node’s Web Crypto on random inputs', async () => {
    const real = webcrypto.subtle;
    for (let round = 0; round < 5; round++) {
      const data = Uint8Array.from({ length: 1 + round * 37 }, (_, i) => (i * 31 + round) & 255);
      for (const hash of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']) {
        expect(hex(await subtle.digest(hash, data))).toBe(hex(await real.digest(hash, data)));
      }
      const raw = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + round) & 255);
      const iv = raw.slice(0, 12);
      const mine = await subtle.sign('HMAC', await hmacKey(raw), data);
      const theirs = await real.sign(
        'HMAC',
        await real.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
        data,
      );
      expect(hex(mine)).toBe(hex(theirs));
      const sealed = await subtle.encrypt({ name: 'AES-GCM', iv }, await aesKey(raw), data);
      const realKey = await real.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
      expect(hex(sealed)).toBe(hex(await real.encrypt({ name: 'AES-GCM', iv }, realKey, data)));
    }
    expect(hex(await subtle.digest('SHA-256', text('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('generateKey draws from the stream it is given; exportKey gives the bytes back as raw and JWK', async () => {
    const one = makeSimSubtle(() => 0.5);
    const key = await one.generateKey({ name: 'AES-GCM', length: 128 }, true, ['encrypt']);
    expect(hex(await one.exportKey('raw', key as CryptoKey))).toBe('80'.repeat(16));
    const jwk = await one.exportKey('jwk', key as CryptoKey);
    expect(jwk).toMatchObject({ kty: 'oct', alg: 'A128GCM', k: 'gICAgICAgICAgICAgICAgA' });
    const back = await one.importKey('jwk', jwk, 'AES-GCM', true, ['encrypt']);
    expect(hex(await one.exportKey('raw', back))).toBe('80'.repeat(16));
  });
});
