/**
 * Shrink a failing seed's drawn fault schedule to a small one that still fails the same check, so the replay
 * a learner opens shows the faults that matter and not five that do not. Delta debugging over the nemesis'
 * groups (a drawn fault: its start and the faults that end it): drop halves, then quarters, ... then single
 * groups while the check still fails; then halve each remaining outage while it still fails. Every attempt
 * is a whole run of the same seed with `nemesisSchedule` in place of the draw, so the result replays exactly.
 * Attempts are bounded (`maxRuns`): a slow lesson gets a smaller schedule, never a long wait.
 */
import type { FaultSpec, NodeHost, RoleSource } from '../kernel/protocol';
import { drawnNemesis } from '../kernel/initial-world';
import type { Scenario } from '../kernel/scenario';
import { judge, runScenario, type CheckResult } from './headless';

/** Whether a schedule (groups of faults) still makes the check fail. */
export type StillFails = (groups: FaultSpec[][]) => Promise<boolean>;

export interface Shrunk {
  groups: FaultSpec[][];
  /** Runs tried (each a whole run of the seed). */
  runs: number;
}

/** A group's outage shortened to `fraction` of its length: its ends move towards its start. */
function shorten(group: FaultSpec[], fraction: number): FaultSpec[] {
  const start = group[0]!.at;
  return group.map((f) => (f.at > start ? { ...f, at: start + Math.floor((f.at - start) * fraction) } : f));
}

const outage = (group: FaultSpec[]) => Math.max(...group.map((f) => f.at)) - group[0]!.at;

export async function shrinkSchedule(
  drawn: FaultSpec[][],
  stillFails: StillFails,
  maxRuns = 24,
): Promise<Shrunk> {
  let groups = drawn;
  let runs = 0;
  const attempt = async (candidate: FaultSpec[][]) => {
    if (runs >= maxRuns) return false;
    runs++;
    return stillFails(candidate);
  };
  // Drop chunks of `size` groups, from half the schedule down to one group at a time.
  for (let size = Math.ceil(groups.length / 2); size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
    for (let from = 0; from < groups.length && runs < maxRuns;) {
      const candidate = [...groups.slice(0, from), ...groups.slice(from + size)];
      if (await attempt(candidate)) groups = candidate;
      else from += size;
    }
  }
  // Shorten each remaining outage by halves while the check still fails (down to 1 ms).
  for (let i = 0; i < groups.length; i++) {
    while (outage(groups[i]!) > 1 && runs < maxRuns) {
      const candidate = groups.map((g, k) => (k === i ? shorten(g, 0.5) : g));
      if (!(await attempt(candidate))) break;
      groups = candidate;
    }
  }
  return { groups, runs };
}

export interface ShrunkSeed {
  seed: number;
  check: string;
  /** How many faults the nemesis drew for the seed (groups: a crash and its restart are one). */
  drawn: number;
  /** The shrunk schedule, flat, as `nemesisSchedule` takes it. */
  schedule: FaultSpec[];
  /** How many faults are left (groups). */
  faults: number;
  /** The check's verdict on the shrunk run: where it fails now. */
  result: CheckResult;
  runs: number;
}

/**
 * The failing `check` of `seed`, rerun with ever smaller schedules. Undefined when the scenario draws
 * nothing, or the check does not fail again when rerun with the drawn schedule as given.
 */
export async function shrinkFailingSeed(
  scenario: Scenario,
  roles: RoleSource[],
  seed: number,
  checkName: string,
  makeHost: () => NodeHost,
  maxRuns = 24,
): Promise<ShrunkSeed | undefined> {
  const check = scenario.checks?.find((c) => c.name === checkName);
  const drawn = drawnNemesis(scenario, seed);
  if (!check || drawn.length === 0) return undefined;
  let last: CheckResult | undefined;
  const verdict = async (groups: FaultSpec[][]) => {
    const host = makeHost();
    const outcome = await runScenario({
      scenario: { ...scenario, nemesisSchedule: groups.flat() },
      roles,
      seed,
      host,
    }).finally(() => host.dispose());
    if (!outcome.ok) return undefined;
    return { ...judge(check, outcome.result), seed };
  };
  const stillFails: StillFails = async (groups) => {
    const result = await verdict(groups);
    // A check that fails only because its fault is gone ("the service never hung") is not failing the same way.
    if (!result || result.passed || result.unmet) return false;
    last = result;
    return true;
  };
  // The smallest schedule first: when the check fails with no faults at all, none of them matter.
  if (await stillFails([])) {
    return { seed, check: checkName, drawn: drawn.length, schedule: [], faults: 0, result: last!, runs: 1 };
  }
  const shrunk = await shrinkSchedule(drawn, stillFails, maxRuns - 1);
  const result = shrunk.groups === drawn ? await verdict(drawn) : last;
  if (!result || result.passed) return undefined;
  return {
    seed,
    check: checkName,
    drawn: drawn.length,
    schedule: shrunk.groups.flat(),
    faults: shrunk.groups.length,
    result,
    runs: shrunk.runs + 1,
  };
}
