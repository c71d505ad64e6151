/**
 * One-call headless runs for the CLI, the checkers and the tests: a Simulation over the in-process host
 * (or any host given), run to the scenario's end.
 */
import type { LoadError, NodeHost, RoleSource } from '../kernel/protocol';
import type { Check, CheckOutcome, RunResult, Scenario, ScenarioData } from '../kernel/scenario';
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

/** One check on one seed: its verdict, where it failed, and what a budget measured. */
export interface CheckResult extends CheckOutcome {
  name: string;
  kind: Check['kind'];
  seed: number;
}

export interface CheckOptions {
  /** Stop after the first seed on which a check failed (enough to prove a wrong solution wrong). */
  stopAtFirstFailure?: boolean;
  /** Called after each seed: how many are done of how many. */
  onSeed?: (done: number, total: number) => void;
}

/** Run every checker of the scenario over each seed: one entry per (check, seed). Each seed gets a fresh host. */
export async function checkScenario(
  scenario: Scenario,
  roles: RoleSource[],
  seeds: number[],
  makeHost: () => NodeHost = () => new InProcessHost(),
  options: CheckOptions = {},
): Promise<{ ok: true; results: CheckResult[] } | { ok: false; errors: LoadError[] }> {
  const results: CheckResult[] = [];
  for (const [i, seed] of seeds.entries()) {
    const host = makeHost();
    const outcome = await runScenario({ scenario, roles, seed, host }).finally(() => host.dispose());
    if (!outcome.ok) return outcome;
    let failed = false;
    for (const check of scenario.checks ?? []) {
      const result = { ...judge(check, outcome.result), seed };
      failed ||= !result.passed;
      results.push(result);
    }
    options.onSeed?.(i + 1, seeds.length);
    if (failed && options.stopAtFirstFailure) break;
  }
  return { ok: true, results };
}

/** A checker that throws fails, with the exception as its reason (a lesson bug must not pass silently). */
export function judge(check: Check, run: RunResult): Omit<CheckResult, 'seed'> {
  try {
    const outcome = check.check(run);
    // Only plain data crosses to the page: copy what the outcome says, never the object a lesson made.
    const result: Omit<CheckResult, 'seed'> = {
      name: check.name,
      kind: check.kind,
      passed: outcome.passed === true,
      reason: String(outcome.reason),
    };
    if (typeof outcome.at === 'number') result.at = outcome.at;
    if (outcome.nodes) result.nodes = outcome.nodes.map(String);
    if (outcome.messages) result.messages = outcome.messages.map(String);
    if (outcome.measured) result.measured = { ...outcome.measured };
    if (outcome.unmet === true && !result.passed) result.unmet = true;
    return result;
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
