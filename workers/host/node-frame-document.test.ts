import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FRAME_BOOT, FRAME_BOOT_SHA256, FRAME_CSP, FRAME_DOCUMENT } from './node-frame-document';

describe('the node frame document', () => {
  it('allows its boot script by the hash of exactly that script', () => {
    const hash = createHash('sha256').update(FRAME_BOOT, 'utf8').digest('base64');
    expect(FRAME_BOOT_SHA256).toBe(hash);
    expect(FRAME_DOCUMENT).toContain(`<script>${FRAME_BOOT}</script>`);
    expect(FRAME_DOCUMENT).toContain(`content="${FRAME_CSP}"`);
  });

  it('refuses every network request and allows only data: Workers', () => {
    const directives = new Map(
      FRAME_CSP.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('worker-src')).toEqual(['data:']);
    expect(directives.get('script-src')).toEqual([`'sha256-${FRAME_BOOT_SHA256}'`, "'unsafe-eval'"]);
  });
});
