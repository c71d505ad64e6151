/**
 * Everything a lesson page needs to drive its run: the engine session, the playback cursor, the run
 * machine, the seed and the faults the learner added. Commands only send events; the machine decides.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { FaultSpec } from '../../workers/kernel/protocol';
import type { RunnableExercise } from '../catalog/types';
import { defaultSpeed } from '../engine/defaultSpeed';
import { Playback, SPEEDS } from '../engine/playback';
import { RunSession } from '../engine/runSession';
import { runMachine } from '../machines/runMachine';
import { loadSpeed, saveSpeed } from '../persistence/speed';
import type { RunView } from '../trace';
import { buildRunConfig } from './runConfig';

/** A fault as the learner asks for it; it happens at the cursor. */
export type FaultRequest = FaultSpec extends infer F ? (F extends FaultSpec ? Omit<F, 'at'> : never) : never;

/** Where a run starts: seed 1 and no added faults, unless a share link says otherwise. */
export interface RunStart {
  seed: number;
  faults: FaultSpec[];
}

/**
 * Code the learner has not chosen to run (a share link's, see `LessonFiles.held`): nothing loads it until
 * they press Run, Step, Restart or Check; seed, speed and fault changes only change the settings.
 */
export interface RunGate {
  held: boolean;
  /** The learner pressed a control that runs the code on screen. */
  consent(): void;
}

const open: RunGate = { held: false, consent: () => undefined };

export function useLessonRun(
  lesson: RunnableExercise,
  sources: Record<string, string> | undefined,
  start: RunStart = { seed: 1, faults: [] },
  gate: RunGate = open,
) {
  const [session] = useState(() => new RunSession());
  // The learner's last choice for this lesson, else a speed at which its messages visibly fly.
  const [playback] = useState(
    () => new Playback(loadSpeed(lesson.id, SPEEDS) ?? defaultSpeed(lesson.scenario)),
  );
  const actor = useActorRef(runMachine, { input: { session, playback } });
  const state = useSelector(actor, (s) => s);
  const [seed, setSeedState] = useState(start.seed);
  const [addedFaults, setAddedFaults] = useState<FaultSpec[]>(start.faults);
  const [speed, setSpeedState] = useState(playback.speed);
  /** The shrunk schedule a failing seed's replay runs with (until the seed changes). */
  const [nemesisSchedule, setNemesisSchedule] = useState<FaultSpec[] | undefined>();

  useEffect(() => () => void session.dispose(), [session]);

  const configFor = useCallback(
    (nextSeed = seed, faults = addedFaults) =>
      sources
        ? buildRunConfig(lesson, sources, nextSeed, faults, nextSeed === seed ? nemesisSchedule : undefined)
        : undefined,
    [lesson, sources, seed, addedFaults, nemesisSchedule],
  );

  // One object per change of code, seed or faults: the machine's guards compare it every frame.
  const config = useMemo(() => configFor(), [configFor]);

  const { held, consent } = gate;
  // Show the system at time 0 as soon as the code is there (the graph is never empty), unless it waits to
  // be read first.
  useEffect(() => {
    if (config && !held && actor.getSnapshot().matches('idle')) actor.send({ type: 'STEP', config });
  }, [actor, config, held]);

  const commands = useMemo(() => {
    /** A control that runs the code on screen: the learner's consent to run it. */
    const send = (make: (current: NonNullable<typeof config>) => Parameters<typeof actor.send>[0]) => {
      if (!config) return;
      consent();
      actor.send(make(config));
    };
    return {
      run: () => send((config) => ({ type: 'RUN', config })),
      pause: () => actor.send({ type: 'PAUSE' }),
      toggle: () => {
        if (actor.getSnapshot().can({ type: 'PAUSE' })) actor.send({ type: 'PAUSE' });
        else send((config) => ({ type: 'RUN', config }));
      },
      step: () => send((config) => ({ type: 'STEP', config })),
      stepBack: () => actor.send({ type: 'STEP_BACK' }),
      restart: () => send((config) => ({ type: 'RESTART', config })),
      /** Check runs the code too (over many seeds). */
      consent,
      seek: (t: number) => actor.send({ type: 'SEEK', t }),
      setSpeed: (next: number) => {
        playback.setSpeed(next);
        setSpeedState(next);
        saveSpeed(lesson.id, next);
      },
      setSeed: (next: number) => {
        setSeedState(next);
        setNemesisSchedule(undefined);
        const config = sources && buildRunConfig(lesson, sources, next, addedFaults);
        if (config && !held && !actor.getSnapshot().matches('idle')) actor.send({ type: 'RESTART', config });
      },
      /** Move the cursor to `t` of this run, running the kernel there first if it has not got that far. */
      goTo: (t: number) => {
        void session.reach(t).then(() => actor.send({ type: 'SEEK', t }));
      },
      /**
       * Take a share link's seed and faults as the settings of the next run (see useSharedStart). Only
       * settings, never a run: the link's code is held, and code that is not held runs them on Restart.
       */
      adopt: (next: RunStart) => {
        setSeedState(next.seed);
        setNemesisSchedule(undefined);
        setAddedFaults(next.faults);
      },
      /**
       * Open a seed at a moment: a failing check's seed at its violation. Those results are of code run
       * earlier: held code on screen now only takes the seed (Run or Check is what runs it).
       */
      replayAt: (nextSeed: number, at = 0, schedule?: FaultSpec[]) => {
        setSeedState(nextSeed);
        setNemesisSchedule(schedule);
        const config = sources && buildRunConfig(lesson, sources, nextSeed, addedFaults, schedule);
        if (config && !held) actor.send({ type: 'REPLAY_AT', config, at });
      },
      inject: (request: FaultRequest) => {
        // Whole virtual ms at or before the cursor, so the view at the cursor already shows the fault.
        const fault = { ...request, at: Math.floor(playback.t) } as FaultSpec;
        const faults = [...addedFaults, fault];
        const config = configFor(seed, faults);
        if (!config || held) return;
        const event = { type: 'INJECT', fault, config } as const;
        if (!actor.getSnapshot().can(event)) return;
        setAddedFaults(faults);
        actor.send(event);
      },
      /** Go to another branch of this run: its faults (the scenario's own stay), replayed from 0. */
      switchBranch: (faults: readonly FaultSpec[]) => {
        const fixed = new Set((lesson.scenario.faults ?? []).map((f) => JSON.stringify(f)));
        const added = faults.filter((f) => !fixed.has(JSON.stringify(f)));
        setAddedFaults(added);
        const config = configFor(seed, added);
        if (config && !held) actor.send({ type: 'RESTART', config });
      },
      clearFaults: () => {
        setAddedFaults([]);
        const config = configFor(seed, []);
        if (config && !held) actor.send({ type: 'RESTART', config });
      },
    };
  }, [actor, config, configFor, playback, addedFaults, seed, lesson, sources, held, consent, session]);

  return { session, playback, actor, state, seed, speed, addedFaults, commands, config, held };
}

/** The run as it stands at the playback cursor, recomputed when the cursor moves or the trace grows. */
export function useRunView(session: RunSession, playback: Playback): RunView {
  const version = useSyncExternalStore(session.subscribe, session.getVersion);
  const t = useSyncExternalStore(playback.subscribe, playback.getT);
  // `version` stands for the session's index contents, which React cannot see change.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => session.index.at(t), [session, version, t]);
}
