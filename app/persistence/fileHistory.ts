/**
 * What is kept of one file (a role of an exercise): the learner's working copy and the versions they would
 * miss (a few earlier saves, the code before a reset, a shown solution or a share link, a shared link's
 * code, a save from another tab). Pure: the IndexedDB side is `codeStore.ts`.
 */

import type { FaultSpec } from '../../workers/kernel/protocol';

/** Where a share link's run starts: its seed and the faults it adds. */
export interface LinkStart {
  seed: number;
  faults: FaultSpec[];
}

/** Why a version was kept; the History menu words each one (`versionLabel`). */
export type VersionReason =
  | 'autosave'
  | 'before-reset'
  | 'before-solution'
  | 'before-share'
  | 'shared'
  | 'before-restore'
  | 'other-tab'
  | 'before-import'
  | 'before-starter';

export interface Version {
  id: string;
  source: string;
  reason: VersionReason;
  /** Wall-clock ms (the learner's time, for the menu; never used by the simulation). */
  at: number;
  /** The starter this version was written against (see `starterHash`). */
  starterHash: string;
  /** A shared link's code the learner has run (Run or Check): it no longer waits to be read first. */
  ran?: boolean;
  /** A link's code ('shared'): the seed and faults it came with, which come back with it from History. */
  link?: LinkStart;
}

export interface FileRecord {
  v: 1;
  /** The starter the working copy was written against; '' when unknown (migrated from localStorage). */
  starterHash: string;
  /** The learner's working copy; absent means "the starter code". */
  current?: { source: string; at: number } | undefined;
  /** Bumped on every write: a tab whose known rev is older knows another tab wrote since. */
  rev: number;
  /** Newest first. */
  history: Version[];
}

/** Earlier saves kept per file, and versions of every other kind. */
export const KEEP_AUTOSAVES = 5;
export const KEEP_OTHERS = 15;
/** A save snapshots the code it replaces at most this often. */
export const AUTOSAVE_EVERY_MS = 2 * 60_000;

export const emptyRecord = (starterHash: string): FileRecord => ({ v: 1, starterHash, rev: 0, history: [] });

/** cyrb53: a fast 53-bit string hash, enough to tell one starter from the next. */
export function starterHash(source: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

let counter = 0;
const newId = (at: number) => `${at.toString(36)}-${(counter++).toString(36)}`;

/** Keeps `source` as a version, unless the newest version of that kind already holds the same text. */
export function withVersion(
  record: FileRecord,
  source: string,
  reason: VersionReason,
  at: number,
  link?: LinkStart,
): { record: FileRecord; version: Version } {
  const same = record.history.find((v) => v.reason === reason);
  if (same && same.source === source) return { record, version: same };
  const version: Version = {
    id: newId(at),
    source,
    reason,
    at,
    starterHash: record.starterHash,
    ...(link && { link }),
  };
  return { record: { ...record, history: trim([version, ...record.history]) }, version };
}

function trim(history: Version[]): Version[] {
  let autosaves = 0;
  let others = 0;
  return history.filter((v) =>
    v.reason === 'autosave' ? ++autosaves <= KEEP_AUTOSAVES : ++others <= KEEP_OTHERS,
  );
}

export interface SaveResult {
  record: FileRecord;
  /** Another tab had written a different working copy since this tab last knew; it is kept as a version. */
  overtook: boolean;
}

/**
 * The working copy becomes `source` (`undefined`: the starter). `knownRev` is the rev this tab last read or
 * wrote: when the stored rev is newer, the other tab's code is kept as a version instead of vanishing.
 */
export function withSave(
  record: FileRecord,
  source: string | undefined,
  knownRev: number,
  at: number,
): SaveResult {
  let next = record;
  const previous = record.current?.source;
  const overtook = record.rev !== knownRev && previous !== undefined && previous !== source;
  if (overtook) next = withVersion(next, previous, 'other-tab', at).record;
  else if (previous !== undefined && previous !== source) {
    const last = next.history.find((v) => v.reason === 'autosave');
    if (!last || at - last.at >= AUTOSAVE_EVERY_MS) next = withVersion(next, previous, 'autosave', at).record;
  }
  return {
    record: { ...next, current: source === undefined ? undefined : { source, at }, rev: record.rev + 1 },
    overtook,
  };
}

const reasonWords: Record<VersionReason, string> = {
  autosave: 'Your code, saved',
  'before-reset': 'Before Reset to starter',
  'before-solution': 'Before Show solution',
  'before-share': 'Your code before the shared link',
  shared: 'Shared code from link',
  'before-restore': 'Before bringing back a version',
  'other-tab': 'Saved in another tab',
  'before-import': 'Before import',
  'before-starter': 'Before Use the new starter',
};

export const versionLabel = (reason: VersionReason): string => reasonWords[reason];
