/**
 * Progress and code as one JSON file, so a learner can move to another browser: versioned, validated with
 * valibot when read back (a file is as untrusted as a link), and merged on import so nothing already here
 * is dropped: progress only grows, and code here that the file would replace is kept as "Before import".
 * Sandboxes travel too (their records; their code is file records like a lesson's): a sandbox here with the
 * same id is replaced only by a newer one, and is first kept as a copy named "… (before import)".
 */
import * as v from 'valibot';
import { changeFile, readAllFiles } from './codeStore';
import { withVersion, type FileRecord, type Version } from './fileHistory';
import { loadProgress, saveProgress, type SavedProgress } from './progress';
import { Faults } from '../share/shareSchema';
import { copySandbox, listSandboxes, readSandbox, SandboxRecordSchema, writeSandbox } from './sandboxStore';

const FORMAT = 'distributed-patterns-playground/progress';

const Reason = v.picklist([
  'autosave',
  'before-reset',
  'before-solution',
  'before-share',
  'shared',
  'before-restore',
  'other-tab',
  'before-import',
  'before-starter',
]);
const Source = v.pipe(v.string(), v.maxLength(100_000));
const When = v.pipe(v.number(), v.finite());
const VersionSchema = v.object({
  id: v.pipe(v.string(), v.maxLength(100)),
  source: Source,
  reason: Reason,
  at: When,
  starterHash: v.pipe(v.string(), v.maxLength(100)),
  ran: v.optional(v.boolean()),
  link: v.optional(v.object({ seed: v.pipe(v.number(), v.safeInteger()), faults: Faults })),
});
const FileRecordSchema = v.object({
  v: v.literal(1),
  starterHash: v.pipe(v.string(), v.maxLength(100)),
  current: v.optional(v.object({ source: Source, at: When })),
  rev: v.pipe(v.number(), v.integer(), v.minValue(0)),
  history: v.pipe(v.array(VersionSchema), v.maxLength(100)),
});
const ProgressSchema = v.object({
  step: v.pipe(v.number(), v.integer(), v.minValue(0)),
  visited: v.array(v.pipe(v.number(), v.integer(), v.minValue(0))),
  passed: v.array(v.pipe(v.string(), v.maxLength(200))),
  completed: v.boolean(),
});
const Name = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const ProgressFileSchema = v.object({
  format: v.literal(FORMAT),
  v: v.literal(1),
  exportedAt: v.string(),
  progress: v.record(Name, ProgressSchema),
  files: v.pipe(
    v.array(v.object({ exerciseId: Name, role: Name, record: FileRecordSchema })),
    v.maxLength(5_000),
  ),
  // Files exported before sandboxes travelled have none.
  sandboxes: v.optional(v.pipe(v.array(SandboxRecordSchema), v.maxLength(500))),
});
export type ProgressFile = v.InferOutput<typeof ProgressFileSchema>;

export async function exportProgress(lessonIds: readonly string[]): Promise<string> {
  const progress: Record<string, SavedProgress> = {};
  for (const id of lessonIds) {
    const saved = loadProgress(id);
    if (saved) progress[id] = saved;
  }
  const file: ProgressFile = {
    format: FORMAT,
    v: 1,
    exportedAt: new Date().toISOString(),
    progress,
    files: await readAllFiles(),
    sandboxes: await listSandboxes(),
  };
  return JSON.stringify(file, null, 1);
}

/** Never throws: a file that is not ours, or is damaged, comes back as a reason. */
export function parseProgressFile(text: string): { file: ProgressFile } | { error: string } {
  const broken = (why: string) => ({ error: `This file cannot be imported: ${why}.` });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return broken('it is not a JSON file (was it cut short?)');
  }
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== FORMAT) return broken('it is not a progress file of this playground');
  if ((value as { v?: unknown }).v !== 1) return broken('it was made by another version of the playground');
  const parsed = v.safeParse(ProgressFileSchema, value);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? '';
    const sandbox = /^sandboxes\.(\d+)\.?(.*)$/.exec(path);
    if (sandbox) {
      const i = Number(sandbox[1]);
      const name = (value as { sandboxes: { name?: unknown }[] }).sandboxes[i]?.name;
      return broken(
        `its sandbox ${i + 1}${typeof name === 'string' ? ` (“${name}”)` : ''} is damaged ` +
          `(at ${sandbox[2] || 'the top'}: ${issue.message})`,
      );
    }
    return broken(`its content is damaged (at ${path || 'the top'})`);
  }
  return { file: parsed.output };
}

export interface ImportPlan {
  lessons: number;
  files: number;
  /** Files here whose code the file would replace (kept as "Before import"). */
  replaced: { exerciseId: string; role: string }[];
  sandboxes: number;
  /** Sandboxes here that the file's newer ones replace (their names): each is kept as a copy. */
  replacedSandboxes: string[];
}

export async function planImport(file: ProgressFile): Promise<ImportPlan> {
  const here = new Map((await readAllFiles()).map((f) => [`${f.exerciseId}/${f.role}`, f.record]));
  const replaced = file.files.filter(({ exerciseId, role, record }) => {
    const mine = here.get(`${exerciseId}/${role}`)?.current?.source;
    return mine !== undefined && mine !== record.current?.source;
  });
  return {
    lessons: Object.keys(file.progress).length,
    files: file.files.length,
    replaced: replaced.map(({ exerciseId, role }) => ({ exerciseId, role })),
    sandboxes: file.sandboxes?.length ?? 0,
    replacedSandboxes: (await sandboxesToWrite(file)).flatMap((s) => (s.mine ? [s.mine.name] : [])),
  };
}

/** The file's sandboxes that are new here, or newer than the one here with the same id. */
async function sandboxesToWrite(file: ProgressFile) {
  const out = [];
  for (const theirs of file.sandboxes ?? []) {
    const mine = await readSandbox(theirs.id);
    if (!mine || (theirs.at > mine.at && JSON.stringify(theirs) !== JSON.stringify(mine)))
      out.push({ theirs, mine });
  }
  return out;
}

/** Merge the file in: progress only grows; code here that the file replaces is kept as a version. */
export async function applyImport(file: ProgressFile): Promise<void> {
  // Before the file's code lands on a sandbox here: keep that sandbox, code and all, as a copy.
  const sandboxes = await sandboxesToWrite(file);
  for (const { mine } of sandboxes)
    if (mine) await copySandbox(mine, `${mine.name.slice(0, 180)} (before import)`);
  for (const [id, theirs] of Object.entries(file.progress)) {
    const mine = loadProgress(id);
    saveProgress(
      id,
      mine
        ? {
            step: theirs.step,
            visited: [...new Set([...mine.visited, ...theirs.visited])].sort((a, b) => a - b),
            passed: [...new Set([...mine.passed, ...theirs.passed])].sort(),
            completed: mine.completed || theirs.completed,
          }
        : theirs,
    );
  }
  for (const { exerciseId, role, record } of file.files)
    await changeFile(exerciseId, role, record.starterHash, (mine) => ({
      record: merge(mine, record),
      result: undefined,
    }));
  for (const { theirs } of sandboxes) await writeSandbox(theirs);
}

function merge(mine: FileRecord, theirs: FileRecord): FileRecord {
  const now = Date.now();
  let kept = mine;
  const own = mine.current?.source;
  if (own !== undefined && own !== theirs.current?.source)
    kept = withVersion(kept, own, 'before-import', now).record;
  const ids = new Set(kept.history.map((version) => version.id));
  const history: Version[] = [...kept.history, ...theirs.history.filter((version) => !ids.has(version.id))];
  history.sort((a, b) => b.at - a.at);
  return {
    v: 1,
    starterHash: theirs.current ? theirs.starterHash : mine.starterHash,
    current: theirs.current ?? mine.current,
    // Bumped past both, so an open tab of this lesson knows the code changed under it.
    rev: Math.max(mine.rev, theirs.rev) + 1,
    history,
  };
}
