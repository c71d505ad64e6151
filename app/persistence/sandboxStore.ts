/**
 * The learner's sandboxes in IndexedDB, beside their code: one record per sandbox (name, scenario as the
 * form holds it, when it was last changed) in the same database as lesson files. A sandbox's code is
 * ordinary file records (`codeStore.ts`) under the exercise id `sandbox/<id>`, so it has a History, save
 * status and the two-tab guard of a lesson's code. Records are read back through the draft schema.
 */
import { del, entries, get, set } from 'idb-keyval';
import * as v from 'valibot';
import type { FaultSpec } from '../../workers/kernel/protocol';
import { sandboxExerciseId } from '../sandbox/buildSandbox';
import { SandboxDraftSchema, type SandboxScenario } from '../sandbox/sandboxSchema';
import { Faults } from '../share/shareSchema';
import { deleteFile, readAllFiles, readFile, StoreError, workStore, writeFile } from './codeStore';

export interface SandboxRecord {
  v: 1;
  id: string;
  name: string;
  scenario: SandboxScenario;
  /** Wall-clock ms of the last change (the list shows the most recent first). */
  at: number;
  /** The seed and faults a share link opened this sandbox with (its first run starts there). */
  start?: { seed: number; faults: FaultSpec[] } | undefined;
}

/** A sandbox record as stored, and as an exported progress file carries it. */
export const SandboxRecordSchema = v.object({
  v: v.literal(1),
  id: v.pipe(v.string(), v.regex(/^[a-z0-9]{1,32}$/)),
  name: v.pipe(v.string(), v.maxLength(200)),
  scenario: SandboxDraftSchema,
  at: v.number(),
  start: v.optional(v.object({ seed: v.pipe(v.number(), v.safeInteger()), faults: Faults })),
});

const PREFIX = 'sandbox\u0000';
const key = (id: string) => `${PREFIX}${id}`;

const parse = (value: unknown): SandboxRecord | undefined => {
  const parsed = v.safeParse(SandboxRecordSchema, value);
  return parsed.success ? parsed.output : undefined;
};

function storeError(error: unknown): StoreError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : String(error);
  return new StoreError(
    name === 'QuotaExceededError'
      ? 'Not saved: this browser’s storage is full. The sandbox stays as it is in this tab only.'
      : `Not saved: this browser would not store the sandbox (${name}). It stays in this tab only.`,
    name === 'QuotaExceededError',
  );
}

/** Every sandbox, the most recently changed first; none when storage is unavailable. */
export async function listSandboxes(): Promise<SandboxRecord[]> {
  let all: [IDBValidKey, unknown][];
  try {
    all = await entries(workStore());
  } catch {
    return [];
  }
  return all
    .filter(([k]) => typeof k === 'string' && k.startsWith(PREFIX))
    .flatMap(([, value]) => parse(value) ?? [])
    .sort((a, b) => b.at - a.at);
}

export async function readSandbox(id: string): Promise<SandboxRecord | undefined> {
  try {
    return parse(await get(key(id), workStore()));
  } catch {
    return undefined;
  }
}

export async function writeSandbox(record: SandboxRecord): Promise<void> {
  try {
    await set(key(record.id), record, workStore());
  } catch (error) {
    throw storeError(error);
  }
}

/** The sandbox and every file of its code. */
export async function deleteSandbox(id: string): Promise<void> {
  const exerciseId = sandboxExerciseId(id);
  const files = (await readAllFiles()).filter((f) => f.exerciseId === exerciseId);
  for (const f of files) await deleteFile(exerciseId, f.role);
  try {
    await del(key(id), workStore());
  } catch (error) {
    throw storeError(error);
  }
}

/** A copy of a sandbox and its code under a new id and name (an import keeps the one here this way). */
export async function copySandbox(record: SandboxRecord, name: string): Promise<SandboxRecord> {
  const copy = { ...record, id: newSandboxId(), name };
  const from = sandboxExerciseId(record.id);
  for (const f of (await readAllFiles()).filter((f) => f.exerciseId === from))
    await writeFile(sandboxExerciseId(copy.id), f.role, f.record);
  await writeSandbox(copy);
  return copy;
}

/** A role was renamed: its code and History move with it (nothing is written when it had none). */
export async function moveRoleCode(sandboxId: string, from: string, to: string): Promise<void> {
  const exerciseId = sandboxExerciseId(sandboxId);
  const record = await readFile(exerciseId, from);
  if (!record) return;
  // The starter is made from the role's name, so the old one's hash would call the code stale: unknown.
  await writeFile(exerciseId, to, { ...record, starterHash: '' });
  await deleteFile(exerciseId, from);
}

/** A fresh id for a sandbox: 8 random hex digits (`crypto.getRandomValues` works off secure contexts too). */
export function newSandboxId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
