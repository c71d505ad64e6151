/**
 * A share link's payload: which lesson, the learner's code for the roles that differ from the starter, the
 * seed and the faults they added. Compressed with lz-string into the URL hash, so the link works from any
 * static host and sub-path, with no server to store anything. Validated by `shareSchema.ts` when read.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import * as v from 'valibot';
import type { FaultSpec } from '../../workers/kernel/protocol';
import { issuePath, SharePayload } from './shareSchema';

/** Bumped when the payload changes shape; an older link then fails with a readable reason. */
const VERSION = 1;

/** The longest link text read (and made): beyond this a link is refused before it is even unpacked. */
export const MAX_LINK_CHARS = 64_000;
/** The longest payload once unpacked: a small link must not unpack into megabytes. */
const MAX_PAYLOAD_CHARS = 400_000;

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
  return encodeLinkPayload(run);
}

/** Any link's text: the payload with this version, compressed for the URL (read back with `unpackLink`). */
export function encodeLinkPayload(payload: object): string {
  return compressToEncodedURIComponent(JSON.stringify({ v: VERSION, ...payload }));
}

/** Why a link would be refused for its length, or undefined when it fits. */
export function linkTooLong(text: string): string | undefined {
  return text.length > MAX_LINK_CHARS
    ? `it is ${text.length.toLocaleString('en')} characters long, more than the ${MAX_LINK_CHARS.toLocaleString('en')} a share link may have`
    : undefined;
}

const fieldWords: Record<string, string> = {
  lessonId: 'it names no lesson',
  seed: 'its seed is not a whole number',
  code: 'its code is not text, or a file is longer than a lesson file may be',
  faults: 'one of its faults is not one we know',
};

/** Never throws: a corrupt, truncated, oversized or foreign link comes back as a reason a learner can read. */
export function decodeShare(text: string): DecodedShare {
  const unpacked = unpackLink(text);
  if (!unpacked.ok) return unpacked;
  const parsed = v.safeParse(SharePayload, unpacked.value);
  if (!parsed.success) {
    const field = issuePath(parsed.issues).split('.')[0] ?? '';
    return brokenLink(fieldWords[field] ?? 'it holds something a run does not have');
  }
  const { lessonId, seed, code, faults } = parsed.output;
  return { ok: true, run: { lessonId, seed, code, faults } };
}

const brokenLink = (why: string) => ({
  ok: false as const,
  reason: `This share link cannot be opened: ${why}.`,
});

/**
 * A link's text unpacked to the object it holds, of this payload version, not yet validated (a lesson's
 * run and a sandbox, `app/sandbox/sandboxLink.ts`, each parse it with their own schema). Never throws.
 */
export function unpackLink(text: string): { ok: true; value: object } | { ok: false; reason: string } {
  const broken = brokenLink;
  const long = linkTooLong(text);
  if (long) return broken(long);
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(text);
  } catch {
    json = null;
  }
  if (!json) return broken('it is damaged or cut short (was all of it copied?)');
  if (json.length > MAX_PAYLOAD_CHARS) return broken('it holds more code than a lesson can have');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return broken('it is damaged or cut short (was all of it copied?)');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return broken('it does not hold a run');
  const version = (value as { v?: unknown }).v;
  if (version !== VERSION)
    return broken(
      `it was made by ${typeof version === 'number' ? 'another' : 'an unknown'} version of the playground`,
    );
  return { ok: true, value };
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
