/** The `sim` CLI as a newcomer calls it: output shape, exit codes, and one-line errors naming file and line. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function sim(...args: string[]) {
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sim.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

function tempRole(source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sim-test-')), 'server.ts');
  writeFileSync(file, source);
  return file;
}

describe('npm run sim', { timeout: 120_000 }, () => {
  it('--list prints every lesson id with its roles', () => {
    const { code, stdout } = sim('--list');
    expect(code).toBe(0);
    expect(stdout.split('\n')).toContain('request-reply\tserver client');
  });

  it('--json prints one object; the same seed gives the same hash, another seed another', () => {
    const runs = ['7', '7', '8'].map((seed) => {
      const { code, stdout } = sim('request-reply', '--seed', seed, '--json');
      expect(code).toBe(0);
      return JSON.parse(stdout) as Record<string, unknown>;
    });
    expect(Object.keys(runs[0]!)).toEqual([
      'scenario',
      'seed',
      'virtualMs',
      'events',
      'messages',
      'traceHash',
      'checks',
    ]);
    expect(runs[0]).toMatchObject({ scenario: 'request-reply', seed: 7, virtualMs: 35_000 });
    expect(runs[0]!.traceHash).toBe(runs[1]!.traceHash);
    expect(runs[0]!.traceHash).not.toBe(runs[2]!.traceHash);
  });

  it('--check fails the starter (exit 1) and passes the solution (exit 0) over several seeds', () => {
    const starter = sim('request-reply', '--check', '--seeds', '3', '--json');
    expect(starter.code).toBe(1);
    const checks = (JSON.parse(starter.stdout) as { checks: { passed: boolean; seed: number }[] }).checks;
    expect(new Set(checks.map((c) => c.seed))).toEqual(new Set([1, 2, 3]));
    expect(checks.some((c) => !c.passed)).toBe(true);
    expect(sim('request-reply', '--solution', '--check', '--seeds', '3').code).toBe(0);
  });

  it('bad arguments exit 2 with one line', () => {
    const { code, stderr } = sim('no-such-lesson');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(sim('request-reply', '--seed', 'x').code).toBe(2);
  });

  it('a role that does not compile exits 2 naming the file and line', () => {
    const file = tempRole(
      "import type { Node } from '@playground/node';\nexport default (node: Node) => {\n  node.on('deposit', (msg) => {\n};\n",
    );
    const { code, stderr } = sim('request-reply', '--role', `server=${file}`);
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/server\.ts:\d+(:\d+)?: .+/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an infinite loop stops the run (exit 3) naming the node and what it was handling', () => {
    const file = tempRole("export default (node) => node.on('deposit', () => { for (;;) {} });\n");
    const { code, stderr } = sim('request-reply', '--role', `server=${file}`);
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /node server \(.*server\.ts:1\) handling 'deposit' from client( \(or one of the \d+ messages after it\))? at \d+(\.\d+)? ms: did not finish/,
    );
  });

  it('a huge allocation stops the run (exit 3) naming the node, and the process survives it', () => {
    const file = tempRole(
      "export default (node) => node.on('deposit', () => {\n  const hog = [];\n  for (;;) hog.push(new Array(1e7).fill(1.5));\n});\n",
    );
    const { code, stderr } = sim('request-reply', '--role', `server=${file}`);
    expect(code).toBe(3);
    expect(stderr).toMatch(/node server \(.*server\.ts:1\) handling 'deposit' from client/);
  });

  it('an empty role file, or one whose default export is not a function, exits 2 naming the file', () => {
    for (const [source, message] of [
      ['', /server\.ts:1: the file is empty/],
      ['export const x = 1;\n', /server\.ts:1: there is no default export/],
      ['export default 42;\n', /server\.ts: the default export is not a function/],
    ] as const) {
      const { code, stderr } = sim('request-reply', '--role', `server=${tempRole(source)}`);
      expect(code).toBe(2);
      expect(stderr.trim()).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('prints all of a big output into a pipe before exiting (not cut at 64 KiB)', () => {
    const script =
      "import { exitAfterOutput } from './scripts/lib/exit.ts'; process.stdout.write('x'.repeat(300000) + '\\n'); exitAfterOutput(0);";
    const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out.status).toBe(0);
    expect(out.stdout.length).toBe(300_001);
  });

  it('a role that reaches for process, child_process, fs and a socket gets errors, and the run says so', () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'sim-marker-')), 'MARKER');
    const file = tempRole(`export default function server(node) {
  const load = new Function('u', 'return import(u)');
  node.setTimer(1, () => process.getBuiltinModule('node:child_process').execSync('touch ${marker}'));
  node.setTimer(2, () => load('node:fs').then((fs) => fs.writeFileSync('${marker}', 'x')));
  node.setTimer(3, () => load('node:net').then((net) => net.connect(9, '127.0.0.1')));
  node.setTimer(4, () => globalThis.require('node:child_process'));
  node.on('echo', (msg) => node.reply(msg, { text: msg.body.text }));
}
`);
    const { code, stdout } = sim('request-reply', '--role', `server=${file}`);
    expect(code).toBe(0);
    // Which errors, on which node: scripts/lib/guarded.test.ts reads the same kind of run's trace.
    expect(Number(/(\d+) errors or crashes in the trace/.exec(stdout)?.[1])).toBeGreaterThanOrEqual(4);
    expect(existsSync(marker)).toBe(false);
  });
});
