/**
 * The sealed host (workers/host/sealed-host.ts) against the plain in-process host, in a child process
 * (lockdown is for good, realm-wide). Three lessons here, one of them with XState in role code, to keep CI
 * short; `npx tsx scripts/sealed-parity.ts` with no PARITY_LESSONS runs every exercise (~4 min).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

interface Parity {
  cases: number;
  frozen: boolean;
  differences: { plain: string; sealed: string }[];
  logs: string[];
}

describe('sealed host', { timeout: 120_000 }, () => {
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sealed-parity.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 110_000,
    env: { ...process.env, PARITY_LESSONS: 'hello-network,request-reply,circuit-breaker' },
  });
  const parity = () => {
    expect(out.status, out.stderr).toBe(0);
    return JSON.parse(out.stdout) as Parity;
  };

  it('gives every code of three exercises the same traces and verdicts as the plain host', () => {
    const { cases, frozen, differences } = parity();
    expect(frozen).toBe(true);
    // solution, starter and 3+ broken variants, 3 seeds each, for each of the three lessons
    expect(cases).toBeGreaterThanOrEqual(3 * 5 * 3);
    expect(differences).toEqual([]);
  });

  it('keeps role code in its Compartment: no host globals, no Function of the realm, no patched built-in', () => {
    const [probe, other] = parity().logs;
    expect(probe).toBe(
      'probe: globalThis.postMessage=undefined, globalThis.process=undefined, Function this!, ' +
        'constructor this!, patch Array.prototype.push!, patch JSON.stringify!, patch storage!, set a global=number',
    );
    // what one node sets on its global or tries to patch, another never sees
    expect(other).toBe('other: other sees shared=undefined push=true');
  });
});
