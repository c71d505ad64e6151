/**
 * The run lifecycle: idle -> compiling -> running <-> paused -> finished, or failed (compile errors, a dead
 * kernel). The rules of which control applies when live here; components ask the named selectors of
 * `runSelectors.ts`.
 */
import { assign, fromCallback, fromPromise, setup } from 'xstate';
import type { LoadResult, RunConfig } from '../../workers/host/control-api';
import type { FaultSpec, LoadError } from '../../workers/kernel/protocol';
import type { Playback } from '../engine/playback';
import { startPlaybackClock } from '../engine/playbackClock';
import type { RunSession } from '../engine/runSession';

export interface RunMachineInput {
  session: RunSession;
  playback: Playback;
}

export type RunEvent =
  /** Play: compiles first when the code, seed or faults changed since the last load. */
  | { type: 'RUN'; config: RunConfig }
  /** Recompile and start again from virtual time 0 (same seed). */
  | { type: 'RESTART'; config: RunConfig }
  /** Load this run and hold it at virtual time `at` (a failing check's seed, at its violation). */
  | { type: 'REPLAY_AT'; config: RunConfig; at: number }
  | { type: 'PAUSE' }
  /** Move the cursor to the next trace event. */
  | { type: 'STEP'; config: RunConfig }
  /** Move the cursor back to the previous trace event (the trace before the cursor is always there). */
  | { type: 'STEP_BACK' }
  | { type: 'SEEK'; t: number }
  /** Add a fault at the cursor; `config` already lists it. */
  | { type: 'INJECT'; fault: FaultSpec; config: RunConfig }
  | { type: 'END' }
  | { type: 'FAIL'; reason: string };

interface RunContext extends RunMachineInput {
  /** What the kernel holds now, to tell whether RUN must recompile. */
  loadedKey: string | undefined;
  pending: RunConfig | undefined;
  /** Whether to play once compiled (RUN) or stop at time 0 (STEP). */
  autoplay: boolean;
  errors: LoadError[];
  failure: string | undefined;
  /** Where to hold the cursor once loaded (REPLAY_AT), instead of time 0. */
  seekTo: number | undefined;
}

const keys = new WeakMap<RunConfig, string>();

/** Two configs with the same key produce the same run. Cached per config object: guards ask every frame. */
export function configKey(config: RunConfig): string {
  let key = keys.get(config);
  if (key === undefined) {
    // The whole scenario, not only its faults: a sandbox's learner edits roles, links and the run length.
    key = JSON.stringify([config.seed, config.roles, config.scenario]);
    keys.set(config, key);
  }
  return key;
}

const isChange = ({ context, event }: { context: RunContext; event: RunEvent }) =>
  'config' in event && configKey(event.config) !== context.loadedKey;

export const runMachine = setup({
  types: {
    context: {} as RunContext,
    events: {} as RunEvent,
    input: {} as RunMachineInput,
  },
  actors: {
    load: fromPromise<LoadResult, { session: RunSession; config: RunConfig }>(({ input }) =>
      input.session.load(input.config),
    ),
    reach: fromPromise<void, { session: RunSession; playback: Playback; at: number }>(async ({ input }) => {
      await input.session.reach(input.at);
      input.playback.seek(Math.min(input.at, input.session.reachedMs));
    }),
    stepOnce: fromPromise<boolean, { session: RunSession; playback: Playback }>(async ({ input }) => {
      const next = await input.session.nextEventAfter(input.playback.t);
      if (next !== undefined) input.playback.seek(next);
      return next === undefined;
    }),
    clock: fromCallback<RunEvent, { session: RunSession; playback: Playback }>(({ input, sendBack }) =>
      startPlaybackClock(input.session, input.playback, {
        end: () => sendBack({ type: 'END' }),
        fail: (reason) => sendBack({ type: 'FAIL', reason }),
      }),
    ),
  },
  guards: {
    configChanged: isChange,
    loaded: (_, output: LoadResult) => output.ok,
    notAtStart: ({ context }) => context.playback.t > 0,
  },
  actions: {
    takeConfig: assign(({ event }) => ('config' in event ? { pending: event.config } : {})),
    rewind: ({ context }) => context.playback.seek(0),
    stepBack: ({ context }) => {
      const before = context.session.previousEventBefore(context.playback.t);
      context.playback.seek(before ?? 0);
    },
    seek: ({ context, event }) => {
      if (event.type !== 'SEEK') return;
      context.playback.seek(Math.max(0, Math.min(event.t, context.session.reachedMs)));
    },
    inject: ({ context, event, self }) => {
      if (event.type !== 'INJECT') return;
      context.session
        .addFault(event.fault, event.config)
        .catch((error: unknown) => self.send({ type: 'FAIL', reason: String(error) }));
    },
    rememberInjected: assign(({ event }) =>
      event.type === 'INJECT' ? { loadedKey: configKey(event.config) } : {},
    ),
  },
}).createMachine({
  id: 'run',
  context: ({ input }) => ({
    ...input,
    loadedKey: undefined,
    pending: undefined,
    autoplay: true,
    errors: [],
    failure: undefined,
    seekTo: undefined,
  }),
  initial: 'idle',
  on: {
    RESTART: {
      target: '.compiling',
      actions: ['takeConfig', assign({ autoplay: true, seekTo: undefined })],
    },
    REPLAY_AT: {
      target: '.compiling',
      actions: ['takeConfig', assign(({ event }) => ({ autoplay: false, seekTo: event.at }))],
    },
  },
  states: {
    idle: {
      on: {
        RUN: { target: 'compiling', actions: ['takeConfig', assign({ autoplay: true })] },
        STEP: { target: 'compiling', actions: ['takeConfig', assign({ autoplay: false })] },
      },
    },
    compiling: {
      entry: ['rewind', assign({ errors: [], failure: undefined })],
      on: {
        // Run while loading (Space, or a click just as a sandbox reloads its changed system at time 0):
        // play once loaded, rather than drop the learner's press.
        RUN: [
          {
            guard: ({ context, event }) =>
              'config' in event &&
              context.pending !== undefined &&
              configKey(event.config) === configKey(context.pending),
            actions: assign({ autoplay: true, seekTo: undefined }),
          },
          {
            target: 'compiling',
            reenter: true,
            actions: ['takeConfig', assign({ autoplay: true, seekTo: undefined })],
          },
        ],
      },
      invoke: {
        src: 'load',
        input: ({ context }) => ({ session: context.session, config: context.pending as RunConfig }),
        onDone: [
          {
            guard: { type: 'loaded', params: ({ event }) => event.output },
            target: 'ready',
            actions: assign(({ context }) => ({
              loadedKey: context.pending ? configKey(context.pending) : undefined,
            })),
          },
          {
            target: 'failed',
            actions: assign(({ event }) => ({ errors: event.output.ok ? [] : event.output.errors })),
          },
        ],
        onError: {
          target: 'failed',
          actions: assign(({ event }) => ({ failure: String(event.error), loadedKey: undefined })),
        },
      },
    },
    /** Transient: compiled, now play or hold at time 0. */
    ready: {
      always: [
        { guard: ({ context }) => context.autoplay, target: 'running' },
        { guard: ({ context }) => context.seekTo !== undefined, target: 'paused.reaching' },
        { target: 'paused' },
      ],
    },
    running: {
      invoke: {
        src: 'clock',
        input: ({ context }) => ({ session: context.session, playback: context.playback }),
      },
      on: {
        PAUSE: 'paused',
        RUN: { guard: 'configChanged', target: 'compiling', actions: 'takeConfig' },
        STEP: { target: 'paused.stepping' },
        SEEK: { actions: 'seek' },
        INJECT: { actions: ['rememberInjected', 'inject'] },
        END: 'finished',
        FAIL: { target: 'failed', actions: assign(({ event }) => ({ failure: event.reason })) },
      },
    },
    paused: {
      initial: 'holding',
      states: {
        holding: {
          on: { STEP: 'stepping', STEP_BACK: { guard: 'notAtStart', actions: 'stepBack' } },
        },
        /** Running the kernel up to `seekTo`, then holding the cursor there. */
        reaching: {
          invoke: {
            src: 'reach',
            input: ({ context }) => ({
              session: context.session,
              playback: context.playback,
              at: context.seekTo ?? 0,
            }),
            onDone: { target: 'holding', actions: assign({ seekTo: undefined }) },
            onError: {
              target: '#run.failed',
              actions: assign(({ event }) => ({ failure: String(event.error), seekTo: undefined })),
            },
          },
        },
        stepping: {
          invoke: {
            src: 'stepOnce',
            input: ({ context }) => ({ session: context.session, playback: context.playback }),
            onDone: [{ guard: ({ event }) => event.output, target: '#run.finished' }, { target: 'holding' }],
            onError: {
              target: '#run.failed',
              actions: assign(({ event }) => ({ failure: String(event.error) })),
            },
          },
        },
      },
      on: {
        RUN: [
          {
            guard: 'configChanged',
            target: 'compiling',
            actions: ['takeConfig', assign({ autoplay: true })],
          },
          { target: 'running' },
        ],
        SEEK: { actions: 'seek' },
        INJECT: { actions: ['rememberInjected', 'inject'] },
        FAIL: { target: 'failed', actions: assign(({ event }) => ({ failure: event.reason })) },
      },
    },
    finished: {
      on: {
        RUN: [
          {
            guard: 'configChanged',
            target: 'compiling',
            actions: ['takeConfig', assign({ autoplay: true })],
          },
          // Play again from the start: the trace is complete, nothing to recompute.
          { target: 'running', actions: 'rewind' },
        ],
        SEEK: { target: 'paused', actions: 'seek' },
        STEP_BACK: { guard: 'notAtStart', target: 'paused', actions: 'stepBack' },
        INJECT: { target: 'paused', actions: ['rememberInjected', 'inject'] },
      },
    },
    failed: {
      on: {
        RUN: { target: 'compiling', actions: ['takeConfig', assign({ autoplay: true })] },
        STEP: { target: 'compiling', actions: ['takeConfig', assign({ autoplay: false })] },
      },
    },
  },
});

export type RunStatus = 'idle' | 'compiling' | 'running' | 'paused' | 'finished' | 'failed';
