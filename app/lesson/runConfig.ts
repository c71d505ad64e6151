import type { RunConfig } from '../../workers/host/control-api';
import type { FaultSpec } from '../../workers/kernel/protocol';
import type { RunnableExercise } from '../catalog/types';

/** The run a lesson makes of the learner's code: its scenario plus the faults the learner added. */
export function buildRunConfig(
  lesson: Pick<RunnableExercise, 'scenario' | 'roles'>,
  sources: Readonly<Record<string, string>>,
  seed: number,
  addedFaults: readonly FaultSpec[],
  /** A failing seed's shrunk nemesis schedule (app/check), replayed in place of the seed's draw. */
  nemesisSchedule?: readonly FaultSpec[],
): RunConfig {
  const faults = [...(lesson.scenario.faults ?? []), ...addedFaults].sort((a, b) => a.at - b.at);
  return {
    scenario: {
      ...lesson.scenario,
      faults,
      ...(nemesisSchedule ? { nemesisSchedule: [...nemesisSchedule] } : {}),
    },
    roles: lesson.roles.map(({ role, file }) => ({ role, file, source: sources[role] ?? '' })),
    seed,
  };
}
