/**
 * The scenario and checks API: what a lesson declares (roles, node counts, links, faults, run length,
 * metrics) and how it judges a run (checkers). Lessons import this through `@playground/scenario` only.
 */
import type { NemesisSpec } from './nemesis';
import type { FaultSpec, Json, LinkSpec, MessageId, NodeId, TraceEvent } from './protocol';

export type { MsRange, NemesisSpec } from './nemesis';

/** One role of a scenario: its code file and how many nodes run it at the start. */
export interface RoleSpec {
  /** Path of the role's code inside the lesson: always `roles/<role>.ts`, derived by the course loader. */
  file?: string;
  /** Nodes of this role at the start (default 1). One node is named after the role; more are `role-1..n`. */
  count?: number;
  /** Whether the learner edits this role (shown as an editor tab). Default true. */
  editable?: boolean;
  /** Short description shown in the graph legend. */
  description?: string;
}

/** A role's code file: `roles/<role>.ts` (what the course loader derives when a scenario does not say). */
export function roleFile(role: string, spec: Pick<RoleSpec, 'file'>): string {
  return spec.file ?? `roles/${role}.ts`;
}

/** A link override: the behaviour of the links between two nodes (or roles). */
export interface LinkOverride extends Partial<LinkSpec> {
  from: string;
  to: string;
  /** `both` (default) also sets `to` -> `from`. */
  direction?: 'both' | 'one-way';
}

/** The network of a scenario: a default for every link, and overrides. */
export interface NetworkSpec {
  defaults?: Partial<LinkSpec>;
  links?: LinkOverride[];
}

/** A complete scenario: everything a run needs besides the role code and the seed. */
export interface Scenario {
  /** Stable id: a lesson's id, derived from its folder by the course loader (set it only outside lessons). */
  id?: string;
  /** Derived from lesson.md's `# Title` by the course loader. */
  title?: string;
  roles: Record<string, RoleSpec>;
  network?: NetworkSpec;
  /** Faults at fixed times, the same on every seed. */
  faults?: FaultSpec[];
  /**
   * Faults drawn per seed (which node, when, for how long): each seed tests another interleaving. The drawn
   * schedule is the trace's `nemesis` event at t=0.
   */
  nemesis?: NemesisSpec[];
  /**
   * The nemesis' schedule given instead of drawn: a failing seed's shrunk schedule (workers/host/shrink.ts)
   * replays with the same seed and these faults in place of the draw (still the `nemesis` event at t=0).
   */
  nemesisSchedule?: FaultSpec[];
  /** Run length in virtual ms. */
  until: number;
  /** Metric names to chart, in order. */
  metrics?: string[];
  /** The judges of a run. */
  checks?: Check[];
  /** Seeds the checkers run over (first seed, count); default {@link DEFAULT_CHECK_SEEDS} from 1. */
  checkSeeds?: { first: number; count: number };
}

/** How many seeds Check runs by default: the same in the browser, the CLI and `lessons:verify`. */
export const DEFAULT_CHECK_SEEDS = 50;

/** The seeds an exercise is checked on: its own `checkSeeds`, else 1..DEFAULT_CHECK_SEEDS (or `count`). */
export function checkSeedsOf(scenario: Pick<Scenario, 'checkSeeds'>, count?: number): number[] {
  const first = scenario.checkSeeds?.first ?? 1;
  const n = count ?? scenario.checkSeeds?.count ?? DEFAULT_CHECK_SEEDS;
  return Array.from({ length: n }, (_, i) => first + i);
}

/** A scenario without its checkers (functions cannot cross a Worker boundary): what the kernel needs. */
export type ScenarioData = Omit<Scenario, 'checks'>;

/** A node as it stands at the end of a run. */
export interface FinalNode {
  id: NodeId;
  role: string;
  alive: boolean;
  state: Record<string, Json>;
  storage: Record<string, Json>;
}

/** What a checker sees: the whole trace and the final nodes. */
export interface RunResult {
  scenario: string;
  seed: number;
  /** Virtual ms the run reached. */
  virtualMs: number;
  trace: readonly TraceEvent[];
  nodes: readonly FinalNode[];
}

/** Where a check failed, so the UI can jump to that moment and highlight what was involved. */
export interface CheckWhere {
  /** Virtual ms of the first violating event. */
  at?: number;
  nodes?: NodeId[];
  /** Ids of the messages involved. */
  messages?: MessageId[];
}

/** A failing check's answer: what went wrong, and where. Build one with {@link fail} (or {@link unmet}). */
export interface CheckFailure extends CheckWhere {
  reason: string;
  /**
   * The run lacks what the check examines (its drawn hang never came, the node it watches was killed first):
   * it still fails, but says nothing of the learner's code, so shrinking a failing seed's faults never
   * keeps a schedule that fails only this way.
   */
  unmet?: true;
}

/** The figures a budget measured, for the reason and the stats panel. */
export interface CheckMeasure {
  value: number;
  limit: number;
  /** The reference solution's figure. */
  reference: number;
  unit: string;
  /** Which way is better (`lower` for costs and latencies). */
  better: 'lower' | 'higher';
}

/** A checker's verdict. `reason` is read by a learner: say what happened, with numbers and node names. */
export interface CheckOutcome extends CheckWhere {
  passed: boolean;
  reason: string;
  /** Set by budgets: the figure, its limit and the reference's. */
  measured?: CheckMeasure;
  /** See {@link CheckFailure.unmet}. */
  unmet?: true;
}

/**
 * A checker. An `invariant` must hold at every point of the run; a `goal` must be reached by its end
 * (DSLabs' vocabulary); a `budget` bounds what the run cost (messages per operation, latency, retries).
 * All are judged over the finished run.
 */
export interface Check {
  name: string;
  kind: 'invariant' | 'goal' | 'budget';
  check(run: RunResult): CheckOutcome;
}

/** What a check function returns: true when it holds, else the reason (a string, or {@link fail} with where). */
export type CheckAnswer = true | string | CheckFailure;

/** Identity helper that gives a scenario literal its type (and editor help). */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}

/** A failure with where it happened: `return fail('b answered twice', { at: 1200, nodes: ['b'] })`. */
export function fail(reason: string, where: CheckWhere = {}): CheckFailure {
  return { reason, ...where };
}

/**
 * A failure because the run lacks what the check examines, not because of the code under test: "the
 * service never hung". Check still fails with it; a shrunk fault schedule that fails only this way is
 * not kept (the fault it dropped is the one the check needs).
 */
export function unmet(reason: string, where: CheckWhere = {}): CheckFailure {
  return { reason, ...where, unmet: true };
}

/** Declare an invariant: `check` returns true, or why not (a string, or {@link fail}). */
export function invariant(name: string, check: (run: RunResult) => CheckAnswer): Check {
  return { name, kind: 'invariant', check: (run) => verdict(check(run), 'held for the whole run') };
}

/** Declare a goal: `check` returns true, or what is missing (a string, or {@link fail}). */
export function goal(name: string, check: (run: RunResult) => CheckAnswer): Check {
  return { name, kind: 'goal', check: (run) => verdict(check(run), 'reached') };
}

function verdict(result: CheckAnswer, passedReason: string): CheckOutcome {
  if (result === true) return { passed: true, reason: passedReason };
  if (typeof result === 'string') return { passed: false, reason: result };
  return { ...result, passed: false };
}
