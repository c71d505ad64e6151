/**
 * The answers to a step's predict questions: functions of the `predictions` export of the exercise's
 * checks.ts, run on the main thread over the trace of the learner's finished run. Loaded only when a
 * question is answered (the checks' module is otherwise the Check Worker's).
 */
import type { FinalNode, RunResult } from '../../workers/kernel/scenario';
import type { RunSession } from '../engine/runSession';

type Answers = Record<string, unknown> | undefined;

const modules = import.meta.glob<Answers>(['/lessons/*/*/checks.ts', '/lessons/*/*/steps/*/checks.ts'], {
  import: 'predictions',
});

/** What the functions see: the same shape as a checker's run. */
export function runResultOf(session: RunSession, scenario: string, seed: number): RunResult {
  const end = session.index.at(session.reachedMs);
  const nodes: FinalNode[] = end.nodes.map((n) => ({
    id: n.id,
    role: n.role,
    alive: n.status === 'up' || n.status === 'paused',
    state: (n.state ?? {}) as FinalNode['state'],
    storage: n.storage,
  }));
  return { scenario, seed, virtualMs: session.reachedMs, trace: session.events, nodes };
}

/** The run's answer to one question; a missing or broken function is the lesson author's bug, said so. */
export async function answerOf(checksPath: string, name: string, run: RunResult): Promise<number> {
  const load = modules[`/lessons/${checksPath}`];
  if (!load) throw new Error(`lessons/${checksPath} is missing`);
  const fn = (await load())?.[name];
  if (typeof fn !== 'function')
    throw new Error(`lessons/${checksPath} exports no predictions.${name} (the predict block's answer)`);
  const value: unknown = fn(run);
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`predictions.${name} in lessons/${checksPath} returned ${String(value)}, not a number`);
  return value;
}
