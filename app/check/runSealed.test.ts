import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodeSpawner, NodeWorkerHandle } from '../../workers/host/node-spawner';
import { runSealed } from './runSealed';
import type { FromSealed, SealedJob } from './sealed-check-protocol';

/** A spawner whose one Worker is driven by the test: what it posts, and its frame's news. */
function fakeSpawner() {
  const posted: unknown[] = [];
  let terminated = 0;
  let lost: ((worker: NodeWorkerHandle, reason: string) => void) | undefined;
  let frame: ((answering: boolean) => void) | undefined;
  const worker: NodeWorkerHandle = {
    post: (message) => void posted.push(message),
    onmessage: null,
    onerror: null,
    terminate: () => void terminated++,
  };
  const spawner: NodeSpawner = {
    spawn: (_label, source) => {
      expect(source).toBe('bundle text');
      return worker;
    },
    onLost: (listener) => void (lost = listener),
    onFrame: (listener) => void (frame = listener),
  };
  return {
    spawner,
    posted,
    terminated: () => terminated,
    say: (message: FromSealed) => worker.onmessage?.(message),
    lose: (reason: string) => lost?.(worker, reason),
    frame: (answering: boolean) => frame?.(answering),
    worker,
  };
}

const job = {
  mode: 'check' as const,
  scenarioPath: 'a/b/scenario.ts',
  checksPath: 'a/b/checks.ts',
  roles: [],
  seeds: [1, 2, 3],
};
const result = (seed: number) => [
  { name: 'c', kind: 'invariant' as const, passed: true, reason: 'ok', seed },
];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('runSealed', () => {
  it('keeps the verdicts of seeds where no role code threw, and ends on done', async () => {
    const fake = fakeSpawner();
    const kept: number[] = [];
    const share = runSealed(fake.spawner, 'bundle text', job, (n) => kept.push(n));
    expect(fake.posted).toEqual([{ kind: 'job', ...job } satisfies SealedJob]);
    fake.say({ kind: 'ready' });
    fake.say({ kind: 'seed', seed: 1, results: result(1), threw: false });
    fake.say({ kind: 'seed', seed: 2, results: result(2), threw: true });
    fake.say({ kind: 'seed', seed: 3, results: result(3), threw: false });
    fake.say({ kind: 'done' });
    const { results, stopped } = await share;
    expect([...results.keys()]).toEqual([1, 3]);
    expect(stopped).toBeUndefined();
    expect(kept).toEqual([1, 1, 2]);
    expect(fake.terminated()).toBe(1);
  });

  it('stops a Worker silent past its budget, keeping what it judged', async () => {
    const fake = fakeSpawner();
    const share = runSealed(fake.spawner, 'bundle text', job, () => undefined);
    fake.say({ kind: 'ready' });
    fake.say({ kind: 'seed', seed: 1, results: result(1), threw: false });
    fake.say({ kind: 'beat', phase: 'run' });
    vi.advanceTimersByTime(3_500);
    fake.say({ kind: 'beat', phase: 'run' });
    vi.advanceTimersByTime(3_900);
    expect(fake.terminated()).toBe(0);
    vi.advanceTimersByTime(500);
    const { results, stopped } = await share;
    expect([...results.keys()]).toEqual([1]);
    expect(stopped).toMatch(/^silent for \d+ ms \(budget 4000 ms\)$/);
    expect(fake.terminated()).toBe(1);
  });

  it('gives the checkers longer than a window, and a silent frame blames nobody', async () => {
    const fake = fakeSpawner();
    const share = runSealed(fake.spawner, 'bundle text', job, () => undefined);
    fake.say({ kind: 'ready' });
    fake.say({ kind: 'beat', phase: 'judge' });
    vi.advanceTimersByTime(15_000);
    fake.say({ kind: 'beat', phase: 'run' });
    fake.frame(false);
    vi.advanceTimersByTime(30_000);
    expect(fake.terminated()).toBe(0);
    fake.frame(true);
    vi.advanceTimersByTime(4_500);
    expect((await share).stopped).toMatch(/^silent for/);
  });

  it('stops at once on a lost frame, a Worker error, a failure or a refused role', async () => {
    const stops: [string, (fake: ReturnType<typeof fakeSpawner>) => void, RegExp][] = [
      ['lost', (f) => f.lose('the frame was rebuilt'), /^the frame was rebuilt$/],
      ['error', (f) => f.worker.onerror?.('boom'), /^the sealed check Worker failed: boom$/],
      ['failed', (f) => f.say({ kind: 'failed', reason: 'not in the bundle' }), /^not in the bundle$/],
      [
        'refused',
        (f) =>
          f.say({
            kind: 'refused',
            errors: [{ role: 'client', file: 'roles/client.ts', line: 1, message: 'x' }],
          }),
        /^a role did not load sealed: x$/,
      ],
    ];
    for (const [, stop, reason] of stops) {
      const fake = fakeSpawner();
      const share = runSealed(fake.spawner, 'bundle text', job, () => undefined);
      fake.say({ kind: 'ready' });
      stop(fake);
      const { results, stopped } = await share;
      expect(results.size).toBe(0);
      expect(stopped).toMatch(reason);
      expect(fake.terminated()).toBe(1);
    }
  });

  it('keeps a shrink only when no role code threw in its runs', async () => {
    const shrinkJob = { ...job, mode: 'shrink' as const, seed: 4, checkName: 'c' };
    const kept = fakeSpawner();
    const one = runSealed(kept.spawner, 'bundle text', shrinkJob);
    kept.say({ kind: 'ready' });
    kept.say({ kind: 'shrunk', shrunk: undefined, threw: false });
    expect(await one).toEqual({ results: new Map(), shrunk: { value: undefined } });

    const thrown = fakeSpawner();
    const two = runSealed(thrown.spawner, 'bundle text', shrinkJob);
    thrown.say({ kind: 'ready' });
    thrown.say({ kind: 'shrunk', shrunk: undefined, threw: true });
    expect(await two).toEqual({ results: new Map(), stopped: 'role code threw while shrinking' });
  });
});
