import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import {
  changedCode,
  checkShareFits,
  decodeShare,
  encodeShare,
  linkTooLong,
  MAX_LINK_CHARS,
  type SharedRun,
} from './shareLink';

const run: SharedRun = {
  lessonId: 'request-reply',
  seed: 42,
  code: { server: 'export default function s(node) {\n  node.on("echo", () => {}); // ünïcødé ✓\n}\n' },
  faults: [
    { at: 1200, kind: 'crash', node: 'server' },
    {
      at: 1500,
      kind: 'link',
      from: 'client',
      to: 'server',
      spec: { latency: { kind: 'constant', ms: 200 } },
    },
  ],
};

const encodeRaw = (value: unknown) => compressToEncodedURIComponent(JSON.stringify(value));

describe('share links', () => {
  it('round-trip code, seed and faults through URL-safe text', () => {
    const text = encodeShare(run);
    expect(text).toMatch(/^[A-Za-z0-9+\-$]+$/);
    expect(decodeShare(text)).toEqual({ ok: true, run });
  });

  it('fail with a readable reason on damaged or cut-short text', () => {
    const text = encodeShare(run);
    for (const bad of ['', 'not a share link', text.slice(0, text.length / 2), text.slice(0, -3)]) {
      const decoded = decodeShare(bad);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.reason).toMatch(/^This share link cannot be opened: /);
    }
  });

  it('refuse payloads of another version or shape', () => {
    expect(decodeShare(encodeRaw({ ...run, v: 99 }))).toMatchObject({ ok: false, reason: /another version/ });
    expect(decodeShare(encodeRaw([1, 2]))).toMatchObject({ ok: false });
    expect(decodeShare(encodeRaw({ v: 1, ...run, seed: 1.5 }))).toMatchObject({ ok: false, reason: /seed/ });
    expect(decodeShare(encodeRaw({ v: 1, ...run, code: { server: 3 } }))).toMatchObject({
      ok: false,
      reason: /code/,
    });
    expect(decodeShare(encodeRaw({ v: 1, ...run, faults: [{ at: 1, kind: 'meteor' }] }))).toMatchObject({
      ok: false,
      reason: /fault/,
    });
  });

  it('refuse faults whose details are wrong, not only unknown verbs', () => {
    const bad = (fault: unknown) => decodeShare(encodeRaw({ v: 1, ...run, faults: [fault] }));
    expect(bad({ at: 1, kind: 'link', from: 'a', to: 'b', spec: { loss: 2 } })).toMatchObject({
      ok: false,
      reason: /fault/,
    });
    expect(bad({ at: 1, kind: 'crash' })).toMatchObject({ ok: false, reason: /fault/ });
    expect(bad({ at: -1, kind: 'heal-all' })).toMatchObject({ ok: false, reason: /fault/ });
    expect(bad({ at: 1, kind: 'split', groups: [['a'], ['b']] })).toMatchObject({ ok: true });
  });

  it('refuse a link longer than the cap before unpacking it', () => {
    const long = 'A'.repeat(MAX_LINK_CHARS + 1);
    expect(decodeShare(long)).toMatchObject({ ok: false, reason: /a share link may have/ });
    expect(linkTooLong(long)).toMatch(/64,000/);
    expect(linkTooLong(encodeShare(run))).toBeUndefined();
  });

  it('name a link from another lesson, or with roles the lesson lacks', () => {
    expect(checkShareFits(run, 'request-reply', ['server', 'client'])).toBeUndefined();
    expect(checkShareFits(run, 'sharding', ['server'])).toMatch(/for the lesson “request-reply”/);
    expect(checkShareFits(run, 'request-reply', ['client'])).toMatch(/“server”/);
  });

  it('carry only the roles that differ from the starter', () => {
    expect(changedCode({ a: 'x', b: 'edited' }, { a: 'x', b: 'y' })).toEqual({ b: 'edited' });
  });
});
