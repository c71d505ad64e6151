/**
 * One-call headless runs for the CLI, the checkers and the tests: a Simulation over the in-process host
 * (or any host given), run to the scenario's end.
 */
import type { LoadError, NodeHost, RoleSource } from '../kernel/protocol';
import type { Check, RunResult, Scenario, ScenarioData } from '../kernel/scenario';
import { Simulation, type RunStats } from '../kernel/simulation';
import { InProcessHost } from './in-process-host';

export interface HeadlessRun {
  scenario: ScenarioData;
  roles: RoleSource[];
  seed: number;
  /** Defaults to a fresh in-process host (disposed at the end). */
  host?: NodeHost;
  /** Stop early at this virtual time instead of the scenario's `until`. */
  until?: number;
}

export type RunOutcome =
  { ok: true; result: RunResult; hash: string; stats: RunStats } | { ok: false; errors: LoadError[] };

/** One whole headless run. */
export async function runScenario(run: HeadlessRun): Promise<RunOutcome> {
  const host = run.host ?? new InProcessHost();
  const scenario = withoutChecks(run.scenario);
  try {
    const created = await Simulation.create({ scenario, seed: run.seed, host }, run.roles);
    if (!created.ok) return created;
    const { sim } = created;
    await sim.runUntil(run.until ?? scenario.until);
    // The hash is read on demand: checkers never need it, and it costs as much as a fast run.
    return {
      ok: true,
      result: sim.result(),
      stats: sim.stats(),
      get hash() {
        return sim.trace.hash();
      },
    };
  } finally {
    if (!run.host) await host.dispose();
  }
}

export interface CheckResult {
  name: string;
  kind: Check['kind'];
  passed: boolean;
  reason: string;
  seed: number;
  /** Where it failed, when the check says (CheckOutcome's `at`, `nodes`, `messages`). */
  at?: number;
  nodes?: string[];
  messages?: string[];
}

/** Run every checker of the scenario over each seed: one entry per (check, seed). Each seed gets a fresh host. */
export async function checkScenario(
  scenario: Scenario,
  roles: RoleSource[],
  seeds: number[],
  makeHost: () => NodeHost = () => new InProcessHost(),
): Promise<{ ok: true; results: CheckResult[] } | { ok: false; errors: LoadError[] }> {
  const results: CheckResult[] = [];
  for (const seed of seeds) {
    const host = makeHost();
    const outcome = await runScenario({ scenario, roles, seed, host }).finally(() => host.dispose());
    if (!outcome.ok) return outcome;
    for (const check of scenario.checks ?? []) results.push({ ...judge(check, outcome.result), seed });
  }
  return { ok: true, results };
}

/** A checker that throws fails, with the exception as its reason (a lesson bug must not pass silently). */
function judge(check: Check, run: RunResult): Omit<CheckResult, 'seed'> {
  try {
    const { passed, reason, at, nodes, messages } = check.check(run);
    return {
      name: check.name,
      kind: check.kind,
      passed,
      reason,
      ...(at !== undefined && { at }),
      ...(nodes !== undefined && { nodes }),
      ...(messages !== undefined && { messages }),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { name: check.name, kind: check.kind, passed: false, reason: `the checker threw: ${message}` };
  }
}

/** Checkers are functions: keep them out of what goes to the kernel (and to Workers). */
function withoutChecks(scenario: ScenarioData | Scenario): ScenarioData {
  if (!('checks' in scenario)) return scenario;
  const { checks: _checks, ...data } = scenario;
  return data;
}
