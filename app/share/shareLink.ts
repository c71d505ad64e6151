/**
 * A share link's payload: which lesson, the learner's code for the roles that differ from the starter, the
 * seed and the faults they added. Compressed with lz-string into the URL hash, so the link works from any
 * static host and sub-path, with no server to store anything.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { FaultKind, FaultSpec } from '../../workers/kernel/protocol';

/** Bumped when the payload changes shape; an older link then fails with a readable reason. */
const VERSION = 1;

export interface SharedRun {
  lessonId: string;
  seed: number;
  /** Role -> source, only for roles whose code differs from the starter. */
  code: Record<string, string>;
  /** The faults the learner added, with their virtual times. */
  faults: FaultSpec[];
}

export type DecodedShare = { ok: true; run: SharedRun } | { ok: false; reason: string };

export function encodeShare(run: SharedRun): string {
  return compressToEncodedURIComponent(JSON.stringify({ v: VERSION, ...run }));
}

const FAULT_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  'crash',
  'restart',
  'pause',
  'resume',
  'skew',
  'partition',
  'heal',
  'split',
  'heal-all',
  'link',
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fault's outline only (a time and a known verb); the kernel validates the rest when the run loads. */
const isFault = (v: unknown): v is FaultSpec =>
  isRecord(v) &&
  typeof v.at === 'number' &&
  Number.isFinite(v.at) &&
  v.at >= 0 &&
  typeof v.kind === 'string' &&
  FAULT_KINDS.has(v.kind as FaultKind);

/** Never throws: a corrupt, truncated or foreign link comes back as a reason a learner can read. */
export function decodeShare(text: string): DecodedShare {
  const broken = (why: string): DecodedShare => ({
    ok: false,
    reason: `This share link cannot be opened: ${why}.`,
  });
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(text);
  } catch {
    json = null;
  }
  if (!json) return broken('it is damaged or cut short (was all of it copied?)');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return broken('it is damaged or cut short (was all of it copied?)');
  }
  if (!isRecord(value)) return broken('it does not hold a run');
  if (value.v !== VERSION)
    return broken(
      `it was made by ${typeof value.v === 'number' ? 'another' : 'an unknown'} version of the playground`,
    );
  const { lessonId, seed, code, faults } = value;
  if (typeof lessonId !== 'string' || lessonId === '') return broken('it names no lesson');
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed))
    return broken('its seed is not a whole number');
  if (!isRecord(code) || !Object.values(code).every((s) => typeof s === 'string'))
    return broken('its code is not text');
  if (!Array.isArray(faults) || !faults.every(isFault)) return broken('one of its faults is not one we know');
  return { ok: true, run: { lessonId, seed, code: code as Record<string, string>, faults } };
}

/** Checks the link against the lesson it is opened in: another lesson's link, or unknown roles, fail. */
export function checkShareFits(
  run: SharedRun,
  lessonId: string,
  roles: readonly string[],
): string | undefined {
  if (run.lessonId !== lessonId)
    return `This share link is for the lesson “${run.lessonId}”, not this one; nothing was changed.`;
  const unknown = Object.keys(run.code).filter((r) => !roles.includes(r));
  if (unknown.length > 0)
    return `This share link has code for ${unknown.map((r) => `“${r}”`).join(', ')}, which this lesson does not have (it may be from an older version of the course); nothing was changed.`;
  return undefined;
}

/** The roles whose code differs from the starter: all a link needs to carry. */
export function changedCode(
  sources: Readonly<Record<string, string>>,
  starters: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(sources).filter(([role, source]) => starters[role] !== source));
}

/** A link's text as the lesson page opens it: the run, or why it cannot be opened here. */
export function readShare(
  text: string,
  lessonId: string,
  roles: readonly string[],
): { run: SharedRun } | { error: string } {
  const decoded = decodeShare(text);
  if (!decoded.ok) return { error: decoded.reason };
  const misfit = checkShareFits(decoded.run, lessonId, roles);
  return misfit ? { error: misfit } : { run: decoded.run };
}
