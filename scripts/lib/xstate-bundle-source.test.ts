import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XSTATE_BUNDLE_PATH, xstateBundleFile } from './xstate-bundle-source';

describe('xstate-bundle.ts', () => {
  it('is the installed xstate (after an upgrade run: npx tsx scripts/build-xstate-bundle.ts)', () => {
    expect(readFileSync(XSTATE_BUNDLE_PATH, 'utf8') === xstateBundleFile()).toBe(true);
  });
});
