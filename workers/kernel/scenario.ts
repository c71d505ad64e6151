/**
 * The scenario and checks API: what a lesson declares (roles, node counts, links, faults, run length,
 * metrics) and how it judges a run (checkers). Lessons import this through `@playground/scenario` only.
 */
import type { FaultSpec, Json, LinkSpec, NodeId, TraceEvent } from './protocol';

/** One role of a scenario: its code file and how many nodes run it at the start. */
export interface RoleSpec {
  /** Path of the role's code inside the lesson, e.g. `roles/server.ts`. */
  file: string;
  /** Nodes of this role at the start (default 1). One node is named after the role; more are `role-1..n`. */
  count?: number;
  /** Whether the learner edits this role (shown as an editor tab). Default true. */
  editable?: boolean;
  /** Short description shown in the graph legend. */
  description?: string;
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
  /** Stable id, e.g. `ch07-request-reply` or a lesson id. */
  id: string;
  title: string;
  roles: Record<string, RoleSpec>;
  network?: NetworkSpec;
  /** Faults over time. */
  faults?: FaultSpec[];
  /** Run length in virtual ms. */
  until: number;
  /** Metric names to chart, in order. */
  metrics?: string[];
  /** The judges of a run. */
  checks?: Check[];
  /** Seeds the checkers run over by default (first seed, count). */
  checkSeeds?: { first: number; count: number };
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

/** A checker's verdict. `reason` is read by a learner: say what happened, with numbers and node names. */
export interface CheckOutcome {
  passed: boolean;
  reason: string;
  /** Where a failed check failed: the virtual time of the first violating event... */
  at?: number;
  /** ...the nodes involved... */
  nodes?: string[];
  /** ...and the messages involved (message ids). */
  messages?: string[];
}

/**
 * A checker. An `invariant` must hold at every point of the run; a `goal` must be reached by its end
 * (DSLabs' vocabulary). Both are judged over the finished run.
 */
export interface Check {
  name: string;
  kind: 'invariant' | 'goal';
  check(run: RunResult): CheckOutcome;
}

/** Identity helper that gives a scenario literal its type (and editor help). */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}

/** Declare an invariant: `check` returns true, or a string saying what went wrong. */
export function invariant(name: string, check: (run: RunResult) => true | string): Check {
  return { name, kind: 'invariant', check: (run) => verdict(check(run), 'held for the whole run') };
}

/** Declare a goal: `check` returns true (or a string saying what it reached), or a string saying what is missing. */
export function goal(name: string, check: (run: RunResult) => true | string): Check {
  return { name, kind: 'goal', check: (run) => verdict(check(run), 'reached') };
}

function verdict(result: true | string, passedReason: string): CheckOutcome {
  return result === true ? { passed: true, reason: passedReason } : { passed: false, reason: result };
}
