/**
 * The faults a learner schedules in a sandbox before it runs: one row per fault (what happens, to which
 * node or between which two, when, for how long, and how much), kept in the sandbox's scenario like its
 * roles and links. The rows use the kernel's fault vocabulary (crash and restart, pause and resume,
 * partition and heal, a slow or lossy link and back, clock skew and back: `FaultSpec`), so the run shows
 * them on the timeline as a lesson's faults. Validated here, each problem naming its fault.
 */
import * as v from 'valibot';
import type { FaultSpec, LinkSpec } from '../../workers/kernel/protocol';

/** Scheduled faults a sandbox may hold. */
export const MAX_FAULTS = 40;
/** The furthest a clock may be set, either way. */
export const MAX_SKEW_MS = 3_600_000;
const MAX_SLOW_MS = 60_000;

/** What a row can do, in the order the menu shows them, with the words the form uses. */
export const FAULT_KINDS = {
  crash: 'Crash',
  pause: 'Pause',
  partition: 'Partition',
  slow: 'Slow link',
  loss: 'Lossy link',
  skew: 'Clock skew',
} as const;
export type SandboxFaultKind = keyof typeof FAULT_KINDS;

/** Kinds that act between two ends (`node` and `peer`) rather than on one node. */
export const BETWEEN: readonly SandboxFaultKind[] = ['partition', 'slow', 'loss'];

/** What `amount` means for each kind that has one (the others ignore it). */
export const AMOUNT: Partial<Record<SandboxFaultKind, { label: string; unit: string }>> = {
  slow: { label: 'Latency', unit: 'ms' },
  loss: { label: 'Loss', unit: '%' },
  skew: { label: 'Offset', unit: 'ms' },
};

const kind = v.picklist(
  Object.keys(FAULT_KINDS) as SandboxFaultKind[],
  `the kind is one of ${Object.values(FAULT_KINDS).join(', ')}`,
);

const ms = (what: string) =>
  v.pipe(
    v.number(`${what} is a number of milliseconds`),
    v.finite(`${what} is a number of milliseconds`),
    v.minValue(0, `${what} cannot be negative`),
  );

export const SandboxFaultSchema = v.strictObject({
  kind,
  /** The node (or every node of a role) it happens to; for a partition or a link, one end. */
  node: v.pipe(v.string(), v.maxLength(40)),
  /** The other end, for a partition or a link; '' for the other kinds. */
  peer: v.pipe(v.string(), v.maxLength(40)),
  atMs: ms('the start'),
  /** How long it lasts; 0 means to the end of the run. */
  forMs: ms('the length'),
  /** Slow: the latency in ms; loss: the loss in %; skew: the offset in ms (negative sets it back). */
  amount: v.pipe(v.number('the amount is a number'), v.finite('the amount is a number')),
});

export type SandboxFault = v.InferOutput<typeof SandboxFaultSchema>;

/** The list as the scenario holds it (records saved before faults existed read as none). */
export const SandboxFaultsSchema = v.optional(
  v.pipe(
    v.array(SandboxFaultSchema),
    v.maxLength(MAX_FAULTS, `a sandbox schedules at most ${MAX_FAULTS} faults`),
  ),
  [],
);

/** A stored draft: any numbers (an emptied field is NaN), names of any length. */
const AnyNumber = v.union([v.number(), v.nan()]);
const Text = v.pipe(v.string(), v.maxLength(200));
export const SandboxFaultsDraftSchema = v.optional(
  v.pipe(
    v.array(
      v.strictObject({
        kind,
        node: Text,
        peer: Text,
        atMs: AnyNumber,
        forMs: AnyNumber,
        amount: AnyNumber,
      }),
    ),
    v.maxLength(200),
  ),
  [],
);

/** A new row: a crash of the first node a second in, down for a second. */
export function newFault(nodes: readonly string[]): SandboxFault {
  return { kind: 'crash', node: nodes[0] ?? '', peer: '', atMs: 1000, forMs: 1000, amount: 0 };
}

/** The amount a row gets when its kind changes to `kind` (something that visibly does what it says). */
export function defaultAmount(kind: SandboxFaultKind): number {
  return kind === 'slow' ? 500 : kind === 'loss' ? 50 : kind === 'skew' ? -2000 : 0;
}

/** "crash of server at 1000 ms": how a problem names its fault. */
export function faultName(fault: Partial<SandboxFault> | undefined): string {
  const k = fault?.kind && fault.kind in FAULT_KINDS ? FAULT_KINDS[fault.kind].toLowerCase() : 'fault';
  const node = typeof fault?.node === 'string' && fault.node !== '' ? fault.node : '?';
  const peer = typeof fault?.peer === 'string' && fault.peer !== '' ? fault.peer : '?';
  return fault?.kind && BETWEEN.includes(fault.kind) ? `${k} ${node} ↔ ${peer}` : `${k} of ${node}`;
}

/**
 * What the shape cannot say about fault `i`: ends that are no node or role, a link to itself, a start
 * after the run ends, an amount out of range. `targets` are the names a fault may use (node ids and roles).
 */
export function faultProblems(
  fault: SandboxFault,
  targets: readonly string[],
  untilMs: number,
): { field: keyof SandboxFault; message: string }[] {
  const problems: { field: keyof SandboxFault; message: string }[] = [];
  const known = targets.length > 0 ? `the nodes are ${listOf(targets)}` : 'add a role first';
  const between = BETWEEN.includes(fault.kind);
  const ends = between ? (['node', 'peer'] as const) : (['node'] as const);
  for (const end of ends) {
    const name = fault[end];
    if (!targets.includes(name))
      problems.push({
        field: end,
        message:
          name === ''
            ? `pick the ${end === 'node' ? (between ? 'node at one end' : 'node') : 'node at the other end'} (${known})`
            : `“${name}” is no node or role (${known})`,
      });
  }
  if (between && fault.node !== '' && fault.node === fault.peer)
    problems.push({ field: 'peer', message: 'both ends are the same; pick another node for the other end' });
  if (fault.atMs >= untilMs)
    problems.push({
      field: 'atMs',
      message: `it starts at ${fault.atMs} ms, but the run ends at ${untilMs} ms`,
    });
  const a = fault.amount;
  if (fault.kind === 'slow' && (a < 0 || a > MAX_SLOW_MS))
    problems.push({ field: 'amount', message: `the latency is 0 to ${MAX_SLOW_MS.toLocaleString('en')} ms` });
  if (fault.kind === 'loss' && (a < 0 || a > 100))
    problems.push({ field: 'amount', message: 'the loss is 0 to 100%' });
  if (fault.kind === 'skew' && Math.abs(a) > MAX_SKEW_MS)
    problems.push({ field: 'amount', message: 'a clock is set at most an hour either way' });
  return problems;
}

const listOf = (names: readonly string[]) => names.map((n) => `“${n}”`).join(', ');

/**
 * The kernel's faults for valid rows: each fault and its undoing (restart, resume, heal, the link as the
 * scenario set it, the clock back) `forMs` later, unless it lasts to the end. `normalLink(a, b)` is the
 * link the scenario gives those two ends.
 */
export function faultSpecsOf(
  faults: readonly SandboxFault[],
  normalLink: (a: string, b: string) => Pick<LinkSpec, 'latency' | 'loss'>,
): FaultSpec[] {
  const specs = faults.flatMap((f): FaultSpec[] => {
    const at = f.atMs;
    const end = f.forMs > 0 ? at + f.forMs : undefined;
    const then = (undo: FaultSpec): FaultSpec[] => (end === undefined ? [] : [{ ...undo, at: end }]);
    switch (f.kind) {
      case 'crash':
        return [{ at, kind: 'crash', node: f.node }, ...then({ at, kind: 'restart', node: f.node })];
      case 'pause':
        return [{ at, kind: 'pause', node: f.node }, ...then({ at, kind: 'resume', node: f.node })];
      case 'partition':
        return [
          { at, kind: 'partition', from: f.node, to: f.peer },
          ...then({ at, kind: 'heal', from: f.node, to: f.peer }),
        ];
      case 'slow':
      case 'loss': {
        const normal = normalLink(f.node, f.peer);
        const spec: Partial<LinkSpec> =
          f.kind === 'slow'
            ? { latency: { kind: 'constant', ms: f.amount } }
            : { loss: Math.round(f.amount * 100) / 10_000 };
        const back: Partial<LinkSpec> =
          f.kind === 'slow' ? { latency: normal.latency } : { loss: normal.loss };
        return [
          { at, kind: 'link', from: f.node, to: f.peer, spec },
          ...then({ at, kind: 'link', from: f.node, to: f.peer, spec: back }),
        ];
      }
      case 'skew':
        return [
          { at, kind: 'skew', node: f.node, offsetMs: f.amount },
          ...then({ at, kind: 'skew', node: f.node, offsetMs: 0 }),
        ];
    }
  });
  // Stable: faults at one moment keep the order the learner listed them in.
  return specs.sort((a, b) => a.at - b.at);
}
