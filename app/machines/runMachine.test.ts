import { describe, expect, it, vi } from 'vitest';
import { createActor, waitFor } from 'xstate';
import type { LoadResult, RunConfig } from '../../workers/host/control-api';
import { Playback } from '../engine/playback';
import type { RunSession } from '../engine/runSession';
import { runMachine } from './runMachine';
import { selectCompileErrors, selectConfigChanged, selectPrimaryAction } from './runSelectors';

// The playback clock runs on animation frames; these tests only need it to start and stop.
vi.stubGlobal('requestAnimationFrame', () => 0);
vi.stubGlobal('cancelAnimationFrame', () => undefined);

const config = (source: string, seed = 1): RunConfig => ({
  scenario: { id: 'echo', title: 'Echo', roles: { server: { file: 'roles/server.ts' } }, until: 1000 },
  roles: [{ role: 'server', file: 'roles/server.ts', source }],
  seed,
});

function fakeSession(results: LoadResult[]) {
  const loads: RunConfig[] = [];
  const session = {
    reachedMs: 0,
    load: async (c: RunConfig) => {
      loads.push(c);
      return results.shift() ?? { ok: true, nodes: [] };
    },
    nextEventAfter: async () => undefined,
  } as unknown as RunSession;
  return { session, loads };
}

const start = (results: LoadResult[] = []) => {
  const fake = fakeSession(results);
  const actor = createActor(runMachine, {
    input: { session: fake.session, playback: new Playback() },
  }).start();
  return { actor, loads: fake.loads };
};

describe('runMachine', () => {
  it('loads on the first RUN and plays; PAUSE and RUN resume without recompiling', async () => {
    const { actor, loads } = start();
    actor.send({ type: 'RUN', config: config('a') });
    await waitFor(actor, (s) => s.matches('running'));
    expect(actor.getSnapshot().can({ type: 'PAUSE' })).toBe(true);
    actor.send({ type: 'PAUSE' });
    expect(actor.getSnapshot().matches('paused')).toBe(true);
    actor.send({ type: 'RUN', config: config('a') });
    expect(actor.getSnapshot().matches('running')).toBe(true);
    expect(loads).toHaveLength(1);
  });

  it('RUN while loading plays once loaded; RUN of other code loads that instead', async () => {
    const { actor, loads } = start();
    actor.send({ type: 'REPLAY_AT', config: config('a'), at: 0 });
    expect(actor.getSnapshot().matches('compiling')).toBe(true);
    actor.send({ type: 'RUN', config: config('a') });
    await waitFor(actor, (s) => s.matches('running'));
    expect(loads).toHaveLength(1);
    actor.send({ type: 'PAUSE' });
    actor.send({ type: 'REPLAY_AT', config: config('b'), at: 0 });
    actor.send({ type: 'RUN', config: config('c') });
    await waitFor(actor, (s) => s.matches('running'));
    expect(loads.map((c) => c.roles[0]?.source)).toEqual(['a', 'b', 'c']);
    expect(selectConfigChanged(actor.getSnapshot(), config('c'))).toBe(false);
  });

  it('recompiles when the code or the seed changed', async () => {
    const { actor, loads } = start();
    actor.send({ type: 'RUN', config: config('a') });
    await waitFor(actor, (s) => s.matches('running'));
    expect(actor.getSnapshot().can({ type: 'RUN', config: config('a') })).toBe(false);
    expect(actor.getSnapshot().can({ type: 'RUN', config: config('b') })).toBe(true);
    actor.send({ type: 'RUN', config: config('a', 2) });
    await waitFor(actor, (s) => s.matches('running') && loads.length === 2);
    expect(loads[1]?.seed).toBe(2);
  });

  it('compile errors block the run until the code compiles', async () => {
    const error = { role: 'server', file: 'roles/server.ts', line: 3, message: "',' expected" };
    const { actor } = start([{ ok: false, errors: [error] }]);
    actor.send({ type: 'RUN', config: config('broken') });
    await waitFor(actor, (s) => s.matches('failed'));
    expect(actor.getSnapshot().context.errors).toEqual([error]);
    expect(actor.getSnapshot().can({ type: 'PAUSE' })).toBe(false);
    actor.send({ type: 'RUN', config: config('fixed') });
    await waitFor(actor, (s) => s.matches('running'));
    expect(actor.getSnapshot().context.errors).toEqual([]);
  });

  it('STEP from idle loads and holds at time 0', async () => {
    const { actor } = start();
    actor.send({ type: 'STEP', config: config('a') });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().matches({ paused: 'holding' })).toBe(true);
  });

  it('REPLAY_AT loads the seed and holds the cursor at the violation, paused', async () => {
    const fake = fakeSession([]);
    const reached: number[] = [];
    Object.assign(fake.session, {
      reach: async (at: number) => {
        reached.push(at);
        (fake.session as { reachedMs: number }).reachedMs = at;
      },
    });
    const playback = new Playback();
    const actor = createActor(runMachine, { input: { session: fake.session, playback } }).start();
    actor.send({ type: 'REPLAY_AT', config: config('a', 7), at: 1234 });
    await waitFor(actor, (s) => s.matches({ paused: 'holding' }));
    expect(fake.loads.map((c) => c.seed)).toEqual([7]);
    expect(reached).toEqual([1234]);
    expect(playback.t).toBe(1234);
  });

  it('the named selectors answer what the controls ask', async () => {
    const { actor } = start();
    const a = config('a');
    expect(selectPrimaryAction(actor.getSnapshot(), a)).toBe('run');
    actor.send({ type: 'RUN', config: a });
    await waitFor(actor, (s) => s.matches('running'));
    expect(selectPrimaryAction(actor.getSnapshot(), a)).toBe('pause');
    expect(selectPrimaryAction(actor.getSnapshot(), config('b'))).toBe('run-changes');
    actor.send({ type: 'PAUSE' });
    expect(selectPrimaryAction(actor.getSnapshot(), a)).toBe('run');
    expect(selectConfigChanged(actor.getSnapshot(), a)).toBe(false);
    expect(selectConfigChanged(actor.getSnapshot(), config('b'))).toBe(true);
  });

  it('compile errors go stale once the code changes', async () => {
    const errors = [{ role: 'server', file: 'roles/server.ts', line: 2, message: 'oops' }];
    const { actor } = start([{ ok: false, errors }]);
    const broken = config('broken');
    actor.send({ type: 'RUN', config: broken });
    await waitFor(actor, (s) => s.matches('failed'));
    expect(selectCompileErrors(actor.getSnapshot(), broken)).toEqual(errors);
    expect(selectCompileErrors(actor.getSnapshot(), config('fixing'))).toEqual([]);
  });
});
