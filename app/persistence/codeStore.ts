/**
 * The learner's code in IndexedDB (through idb-keyval): one record per file (exercise + role), read and
 * written in one transaction each, so two tabs never interleave half a save. A write either lands or
 * rejects with a `StoreError` that says why in words a learner can act on.
 */
import { createStore, del, entries, get, getMany, set, update, type UseStore } from 'idb-keyval';
import type { FaultSpec } from '../../workers/kernel/protocol';
import { emptyRecord, type FileRecord } from './fileHistory';

let db: UseStore | undefined;
const store = () => (db ??= createStore('distributed-patterns-playground', 'files'));
/** The learner's store, for the other records kept beside their code (budget bests). */
export const codeStore = store;

/** The one database of the learner's work, for the other kinds of record in it (sandboxes: sandboxStore.ts). */
export const workStore = store;

export const fileKey = (exerciseId: string, role: string) => `file\u0000${exerciseId}\u0000${role}`;

export function splitFileKey(key: IDBValidKey): { exerciseId: string; role: string } | undefined {
  if (typeof key !== 'string') return undefined;
  const [kind, exerciseId, role, ...rest] = key.split('\u0000');
  return kind === 'file' && exerciseId && role && rest.length === 0 ? { exerciseId, role } : undefined;
}

export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    message: string,
    readonly full: boolean,
  ) {
    super(message);
  }
}

function storeError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError')
    return new StoreError(
      'Not saved: this browser’s storage is full. Your latest code stays in this tab only; free some space (or export your progress) to keep it.',
      true,
    );
  return new StoreError(
    `Not saved: this browser would not store your code (${name || String(error)}). Your latest code stays in this tab only.`,
    false,
  );
}

export async function readFile(exerciseId: string, role: string): Promise<FileRecord | undefined> {
  try {
    return await get<FileRecord>(fileKey(exerciseId, role), store());
  } catch {
    // Storage disabled (some private modes): the page works, nothing is remembered.
    return undefined;
  }
}

/**
 * The records of an exercise's roles, in one read. When the browser will not open its storage at all
 * (some private modes, site data turned off), `unavailable` says so in words for the learner: the page
 * still works, with their code in this tab's memory only.
 */
export async function readFiles(
  exerciseId: string,
  roles: readonly string[],
): Promise<{ records: (FileRecord | undefined)[]; unavailable?: StoreError }> {
  try {
    return {
      records: await getMany<FileRecord>(
        roles.map((role) => fileKey(exerciseId, role)),
        store(),
      ),
    };
  } catch (error) {
    const name = error instanceof DOMException || error instanceof Error ? error.name : String(error);
    return {
      records: roles.map(() => undefined),
      unavailable: new StoreError(
        `Nothing can be saved: this browser does not let the playground use its storage (${name || 'no reason given'}; private browsing, or site data turned off?). Your code stays in this tab only, until you close it; Share makes a link that keeps it.`,
        false,
      ),
    };
  }
}

/**
 * Read, change and write one file's record in a single transaction. `change` must be pure and fast (it
 * runs inside the transaction); what it returns besides the record comes back once the write has landed.
 */
export async function changeFile<T>(
  exerciseId: string,
  role: string,
  starterHash: string,
  change: (record: FileRecord) => { record: FileRecord; result: T },
): Promise<{ record: FileRecord; result: T }> {
  let out: { record: FileRecord; result: T } | undefined;
  try {
    await update<FileRecord>(
      fileKey(exerciseId, role),
      (old) => {
        out = change(old ?? emptyRecord(starterHash));
        return out.record;
      },
      store(),
    );
  } catch (error) {
    throw storeError(error);
  }
  if (!out) throw new StoreError('Not saved: the browser’s storage did not answer.', false);
  return out;
}

/** Every file record, by exercise and role (export). */
export async function readAllFiles(): Promise<{ exerciseId: string; role: string; record: FileRecord }[]> {
  const all = await entries<IDBValidKey, FileRecord>(store());
  return all.flatMap(([key, record]) => {
    const where = splitFileKey(key);
    return where ? [{ ...where, record }] : [];
  });
}

export async function writeFile(exerciseId: string, role: string, record: FileRecord): Promise<void> {
  try {
    await set(fileKey(exerciseId, role), record, store());
  } catch (error) {
    throw storeError(error);
  }
}

/** Forget one file's record and its History (a deleted sandbox's code). */
export async function deleteFile(exerciseId: string, role: string): Promise<void> {
  try {
    await del(fileKey(exerciseId, role), store());
  } catch (error) {
    throw storeError(error);
  }
}

/** A share link opened over this exercise, kept until the learner settles it (survives a reload). */
export interface ShareSession {
  v: 1;
  at: number;
  seed: number;
  faults: FaultSpec[];
  /** Role -> the link's code for every role it changes (the rest ran their starter). */
  shared: Record<string, string>;
  /** Role -> the learner's own code that the link would change (written as versions before the link). */
  own: Record<string, string>;
}

const shareKey = (exerciseId: string) => `share\u0000${exerciseId}`;

export async function readShareSession(exerciseId: string): Promise<ShareSession | undefined> {
  try {
    return await get<ShareSession>(shareKey(exerciseId), store());
  } catch {
    return undefined;
  }
}

export async function writeShareSession(
  exerciseId: string,
  session: ShareSession | undefined,
): Promise<void> {
  try {
    if (session) await set(shareKey(exerciseId), session, store());
    else await del(shareKey(exerciseId), store());
  } catch (error) {
    throw storeError(error);
  }
}
