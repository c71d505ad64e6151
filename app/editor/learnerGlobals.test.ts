/**
 * What the editor tells a learner about their code must match what runs: the security lessons' role code
 * (starters, solutions, broken variants: TextEncoder, btoa, crypto.subtle) type-checks against the editor's
 * own setup, an ES2022 lib without DOM plus learnerGlobals and the generated node-api.d.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { typeCheckFiles } from '../../scripts/lib/type-check-files';
import { learnerGlobals } from './learnerGlobals';

const LESSONS = ['lessons/10-security/01-authn-authz', 'lessons/10-security/02-encryption'];

function roleFiles(): string[] {
  return LESSONS.flatMap((lesson) =>
    ['roles', 'solution', 'broken'].flatMap((dir) =>
      readdirSync(join(lesson, dir))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(lesson, dir, f)),
    ),
  );
}

describe('the editor’s globals', { timeout: 60_000 }, () => {
  it('type-check the security lessons’ role code as the editor sees it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'node-api-')), 'node-api.d.ts');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-node-api-dts.ts', '--out', out]);
    const files = new Map<string, string>([
      ['/globals.d.ts', learnerGlobals],
      ['/node-api.d.ts', readFileSync(out, 'utf8')],
    ]);
    const roles = roleFiles();
    for (const f of roles) files.set(`/${f}`, readFileSync(f, 'utf8'));
    const errors = typeCheckFiles(files, {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    }).map((d) =>
      ts.flattenDiagnosticMessageText(d.messageText, '\n').concat(d.file ? ` (${d.file.fileName})` : ''),
    );
    expect(roles.length).toBeGreaterThan(15);
    expect(errors).toEqual([]);
  });
});
