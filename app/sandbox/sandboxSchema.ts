/**
 * A sandbox's scenario as the learner edits it in the form: roles with their node counts, links between
 * roles with a latency and a loss, the network every other pair of nodes gets, the run length, and the
 * faults it schedules (`sandboxFaults.ts`). It is
 * data from the UI, from IndexedDB and from share links, so one valibot schema says what is allowed, and
 * every problem comes back as a sentence naming the role or link it is about (`validateSandbox`).
 */
import * as v from 'valibot';
import { faultName, faultProblems, SandboxFaultsDraftSchema, SandboxFaultsSchema } from './sandboxFaults';

/** Nodes one role may start with, and in all: each node is a Web Worker (~3 MiB, ~6 ms to start). */
export const MAX_NODES_PER_ROLE = 20;
export const MAX_NODES = 50;
export const MAX_ROLES = 12;
export const MAX_LINKS = 40;
/** Run length bounds, in virtual ms. */
export const MIN_RUN_MS = 100;
export const MAX_RUN_MS = 600_000;
/** The slowest link the form accepts (a minute is already far beyond any real network). */
export const MAX_LATENCY_MS = 60_000;

/** A role name is also a node id and a file name (`roles/<name>.ts`): keep it plain. */
const ROLE_NAME = /^[a-z][a-z0-9-]*$/;

const wholeCount = v.pipe(
  v.number('the node count is a number'),
  v.integer('the node count is a whole number'),
  v.minValue(1, 'it needs at least one node'),
  v.maxValue(MAX_NODES_PER_ROLE, `a role starts at most ${MAX_NODES_PER_ROLE} nodes`),
);

const latency = v.pipe(
  v.number('the latency is a number of milliseconds'),
  v.finite('the latency is a number of milliseconds'),
  v.minValue(0, 'the latency cannot be negative'),
  v.maxValue(MAX_LATENCY_MS, `the latency is at most ${MAX_LATENCY_MS.toLocaleString('en')} ms`),
);

const loss = v.pipe(
  v.number('the loss is a percentage'),
  v.finite('the loss is a percentage'),
  v.minValue(0, 'the loss cannot be negative'),
  v.maxValue(100, 'the loss is at most 100%'),
);

export const SandboxRoleSchema = v.strictObject({
  name: v.pipe(
    v.string(),
    v.minLength(1, 'give it a name'),
    v.maxLength(30, 'a name is at most 30 characters'),
    v.regex(
      ROLE_NAME,
      'a name is lowercase letters, digits and dashes, starting with a letter (like “db-1”)',
    ),
  ),
  count: wholeCount,
});

export const SandboxLinkSchema = v.strictObject({
  from: v.pipe(v.string(), v.maxLength(30)),
  to: v.pipe(v.string(), v.maxLength(30)),
  latencyMs: latency,
  lossPct: loss,
});

export const SandboxScenarioSchema = v.strictObject({
  roles: v.pipe(
    v.array(SandboxRoleSchema),
    v.maxLength(MAX_ROLES, `a sandbox has at most ${MAX_ROLES} roles`),
  ),
  links: v.pipe(
    v.array(SandboxLinkSchema),
    v.maxLength(MAX_LINKS, `a sandbox has at most ${MAX_LINKS} links`),
  ),
  /** Every pair of nodes without a link of its own. */
  network: v.strictObject({ latencyMs: latency, lossPct: loss }),
  untilMs: v.pipe(
    v.number('the run length is a number'),
    v.finite('the run length is a number'),
    v.minValue(MIN_RUN_MS, `a run lasts at least ${MIN_RUN_MS} ms`),
    v.maxValue(MAX_RUN_MS, `a run lasts at most ${MAX_RUN_MS / 1000} s`),
  ),
  faults: SandboxFaultsSchema,
});

/**
 * What may be stored while the learner is still typing: the same shape with any numbers (an emptied field
 * is NaN) and generous caps, so a half-edited sandbox is kept as it is and reads back safely.
 */
const AnyNumber = v.union([v.number(), v.nan()]);
const Text = v.pipe(v.string(), v.maxLength(200));
export const SandboxDraftSchema = v.strictObject({
  roles: v.pipe(v.array(v.strictObject({ name: Text, count: AnyNumber })), v.maxLength(100)),
  links: v.pipe(
    v.array(v.strictObject({ from: Text, to: Text, latencyMs: AnyNumber, lossPct: AnyNumber })),
    v.maxLength(200),
  ),
  network: v.strictObject({ latencyMs: AnyNumber, lossPct: AnyNumber }),
  untilMs: AnyNumber,
  faults: SandboxFaultsDraftSchema,
});

export type SandboxRole = v.InferOutput<typeof SandboxRoleSchema>;
export type SandboxLink = v.InferOutput<typeof SandboxLinkSchema>;
export type SandboxScenario = v.InferOutput<typeof SandboxScenarioSchema>;

/** Where a sandbox starts: no roles, a 5 ms lossless network, a 10 s run, no faults. */
export function emptyScenario(): SandboxScenario {
  return { roles: [], links: [], network: { latencyMs: 5, lossPct: 0 }, untilMs: 10_000, faults: [] };
}

/** One problem of a scenario: the field it is in (`roles.1.count`) and a sentence a learner can act on. */
export interface SandboxProblem {
  path: string;
  message: string;
}

export type SandboxCheck =
  { ok: true; scenario: SandboxScenario } | { ok: false; problems: SandboxProblem[] };

/** The node ids a role's nodes get (as the kernel names them: the role itself, or `role-1..n`). */
export function nodeIdsOf(role: SandboxRole): string[] {
  return role.count === 1
    ? [role.name]
    : Array.from({ length: role.count }, (_, k) => `${role.name}-${k + 1}`);
}

/** The names a fault may act on: every node, and each role of several nodes (all of them at once). */
export function faultTargets(roles: readonly SandboxRole[]): string[] {
  return roles.flatMap((r) => (r.count === 1 ? [r.name] : [r.name, ...nodeIdsOf(r)]));
}

/**
 * Why `name` cannot be a role's new name (the form asks before it renames, since the role's code moves
 * with its name), or undefined when it can.
 */
export function roleNameProblem(name: string, otherNames: readonly string[]): string | undefined {
  const parsed = v.safeParse(SandboxRoleSchema.entries.name, name);
  if (!parsed.success) return parsed.issues[0]?.message;
  if (otherNames.includes(name)) return 'another role already has this name';
  return undefined;
}

/** Every problem of the scenario, each naming what it is about; the form shows them beside the fields. */
export function validateSandbox(input: unknown): SandboxCheck {
  const parsed = v.safeParse(SandboxScenarioSchema, input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.issues.map((issue) => {
        const path = v.getDotPath(issue) ?? '';
        return { path, message: `${where(path, input)}: ${issue.message}` };
      }),
    };
  }
  const problems = meaningProblems(parsed.output);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario: parsed.output };
}

/** What the shape cannot say: names that clash, links to roles that do not exist, links given twice. */
function meaningProblems(scenario: SandboxScenario): SandboxProblem[] {
  const problems: SandboxProblem[] = [];
  const names = scenario.roles.map((r) => r.name);
  scenario.roles.forEach((role, i) => {
    const first = names.indexOf(role.name);
    if (first !== i)
      problems.push({
        path: `roles.${i}.name`,
        message: `${where(`roles.${i}`, scenario)}: role ${first + 1} already has this name; each role needs its own`,
      });
  });
  scenario.roles.forEach((role, i) => {
    if (role.count === 1) return;
    const clash = nodeIdsOf(role).find((id) => names.includes(id));
    if (clash)
      problems.push({
        path: `roles.${i}.count`,
        message: `${where(`roles.${i}`, scenario)}: its ${role.count} nodes are called ${role.name}-1 to ${role.name}-${role.count}, and “${clash}” is already a role; rename one of them`,
      });
  });
  const total = scenario.roles.reduce((sum, r) => sum + r.count, 0);
  if (total > MAX_NODES)
    problems.push({
      path: 'roles',
      message: `Roles: ${total} nodes in all, more than the ${MAX_NODES} a sandbox runs (each node is a Web Worker)`,
    });
  const known =
    names.length > 0 ? `the roles are ${names.map((n) => `“${n}”`).join(', ')}` : 'add a role first';
  const seen = new Map<string, number>();
  scenario.links.forEach((link, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!names.includes(link[end]))
        problems.push({
          path: `links.${i}.${end}`,
          message: `${where(`links.${i}`, scenario)}: ${link[end] === '' ? `pick the role it ${end === 'from' ? 'starts' : 'ends'} at` : `“${link[end]}” is not a role`} (${known})`,
        });
    }
    // A link sets both directions, so a → b and b → a are the same link.
    const pair = [link.from, link.to].sort().join('\u0000');
    const earlier = seen.get(pair);
    if (earlier !== undefined)
      problems.push({
        path: `links.${i}`,
        message: `${where(`links.${i}`, scenario)}: link ${earlier + 1} already joins these roles; keep one`,
      });
    else seen.set(pair, i);
  });
  const targets = faultTargets(scenario.roles);
  scenario.faults.forEach((fault, i) => {
    for (const p of faultProblems(fault, targets, scenario.untilMs))
      problems.push({
        path: `faults.${i}.${p.field}`,
        message: `${where(`faults.${i}`, scenario)}: ${p.message}`,
      });
  });
  return problems;
}

/** "Role 2 (“server”)", "Link 1 (client → server)", "Network", "Run length": the start of a problem. */
function where(path: string, input: unknown): string {
  const [kind, index] = path.split('.');
  const at = Number(index);
  const data = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const item = (list: unknown) =>
    Array.isArray(list) ? (list[at] as Record<string, unknown> | undefined) : undefined;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : '?');
  if (kind === 'roles' && index !== undefined) {
    const name = item(data.roles)?.name;
    return typeof name === 'string' && name !== '' ? `Role ${at + 1} (“${name}”)` : `Role ${at + 1}`;
  }
  if (kind === 'links' && index !== undefined) {
    const link = item(data.links);
    return `Link ${at + 1} (${text(link?.from)} ↔ ${text(link?.to)})`;
  }
  if (kind === 'faults' && index !== undefined)
    return `Fault ${at + 1} (${faultName(item(data.faults) as Parameters<typeof faultName>[0])})`;
  if (kind === 'faults') return 'Faults';
  if (kind === 'network') return 'Network';
  if (kind === 'untilMs') return 'Run length';
  if (kind === 'roles') return 'Roles';
  if (kind === 'links') return 'Links';
  return 'Sandbox';
}
