/**
 * The shapes a share link (and an exported progress file) may hold, as valibot schemas: whatever arrives
 * from a URL or a file is untrusted, so it is parsed, never cast. The fault schema mirrors `FaultSpec` in
 * `workers/kernel/protocol.ts` (a compile-time check below keeps the two in step).
 */
import * as v from 'valibot';
import type { FaultSpec } from '../../workers/kernel/protocol';

/** Longest code one role may carry in a link or a file, in characters. */
export const MAX_ROLE_CHARS = 100_000;

const Name = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const Ms = v.pipe(v.number(), v.finite(), v.minValue(0));
const Probability = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const Direction = v.optional(v.picklist(['both', 'one-way']));

const Latency = v.variant('kind', [
  v.strictObject({ kind: v.literal('constant'), ms: Ms }),
  v.strictObject({ kind: v.literal('uniform'), min: Ms, max: Ms }),
  v.strictObject({ kind: v.literal('normal'), mean: Ms, stddev: Ms, min: v.optional(Ms) }),
  v.strictObject({ kind: v.literal('exponential'), mean: Ms, min: v.optional(Ms) }),
  v.strictObject({ kind: v.literal('long-tail'), median: Ms, p99: Ms, min: v.optional(Ms) }),
]);

const LinkSpec = v.strictObject({
  latency: v.optional(Latency),
  loss: v.optional(Probability),
  duplicate: v.optional(Probability),
  reorder: v.optional(Probability),
  reorderMs: v.optional(Ms),
  bandwidth: v.optional(v.pipe(v.number(), v.finite(), v.gtValue(0))),
});

const onNode = <K extends string>(kind: K) => v.strictObject({ at: Ms, kind: v.literal(kind), node: Name });
const onLink = <K extends string>(kind: K) =>
  v.strictObject({ at: Ms, kind: v.literal(kind), from: Name, to: Name, direction: Direction });

export const Fault = v.variant('kind', [
  onNode('crash'),
  onNode('restart'),
  onNode('pause'),
  onNode('resume'),
  v.strictObject({ at: Ms, kind: v.literal('skew'), node: Name, offsetMs: v.pipe(v.number(), v.finite()) }),
  onLink('partition'),
  onLink('heal'),
  v.strictObject({
    at: Ms,
    kind: v.literal('split'),
    groups: v.pipe(v.array(v.pipe(v.array(Name), v.maxLength(200))), v.maxLength(50)),
  }),
  v.strictObject({ at: Ms, kind: v.literal('heal-all') }),
  v.strictObject({
    at: Ms,
    kind: v.literal('link'),
    from: Name,
    to: Name,
    spec: LinkSpec,
    direction: Direction,
  }),
]);

export const Faults = v.pipe(v.array(Fault), v.maxLength(500));

/** Role -> source. */
export const Code = v.record(Name, v.pipe(v.string(), v.maxLength(MAX_ROLE_CHARS)));

/** A share link's payload, version 1. */
export const SharePayload = v.strictObject({
  v: v.literal(1),
  lessonId: Name,
  seed: v.pipe(v.number(), v.safeInteger()),
  code: Code,
  faults: Faults,
});

// The schema and the kernel's type must agree: a fault the schema accepts is a FaultSpec.
type Same<A, B> = [A] extends [B] ? true : false;
const faultsAgree: Same<v.InferOutput<typeof Fault>, FaultSpec> = true;
void faultsAgree;

/** The first problem of a failed parse, as the dotted path of the field it is in (`faults.2.kind`). */
export function issuePath(issues: readonly v.BaseIssue<unknown>[]): string {
  return v.getDotPath(issues[0] as v.BaseIssue<unknown>) ?? '';
}
