/**
 * Where a sandbox comes from: a new empty one, the latest the learner had, or a share link, which always
 * opens as a new sandbox (never over one of the learner's) with the link's code kept as "Shared code from
 * link" and held until they run it, as a lesson's link is (`persistence/shareVersions.ts`). Each is done
 * once per request even when React runs an effect twice.
 */
import { LessonFiles } from '../persistence/lessonFiles';
import { listSandboxes, newSandboxId, writeSandbox, type SandboxRecord } from '../persistence/sandboxStore';
import { openShared } from '../persistence/shareVersions';
import { sandboxExerciseId, sandboxStarters } from './buildSandbox';
import { decodeSandboxShare } from './sandboxLink';
import { emptyScenario } from './sandboxSchema';

/** A name not yet taken: "Sandbox 1", "Sandbox 2"… */
export function freeSandboxName(taken: readonly string[], base = 'Sandbox'): string {
  let n = 1;
  while (taken.includes(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/** A new empty sandbox, written before it opens. */
export async function createSandbox(): Promise<SandboxRecord> {
  const taken = (await listSandboxes()).map((s) => s.name);
  const record: SandboxRecord = {
    v: 1,
    id: newSandboxId(),
    name: freeSandboxName(taken),
    scenario: emptyScenario(),
    at: Date.now(),
  };
  await writeSandbox(record);
  return record;
}

let latest: Promise<string> | undefined;

/** The id of the sandbox changed last, or of a new one when there is none. */
export function latestOrNewSandbox(): Promise<string> {
  latest ??= listSandboxes()
    .then(async (all) => all[0]?.id ?? (await createSandbox()).id)
    .finally(() => {
      latest = undefined;
    });
  return latest;
}

const links = new Map<string, Promise<{ id: string } | { error: string }>>();

/** Open a share link as a new sandbox: its id, or why the link cannot be opened. */
export function openSandboxLink(text: string): Promise<{ id: string } | { error: string }> {
  let opening = links.get(text);
  if (!opening) {
    opening = openLink(text);
    links.set(text, opening);
  }
  return opening;
}

async function openLink(text: string): Promise<{ id: string } | { error: string }> {
  const decoded = decodeSandboxShare(text);
  if (!decoded.ok) return { error: decoded.reason };
  const { name, scenario, seed, code, faults } = decoded.sandbox;
  const taken = (await listSandboxes()).map((s) => s.name);
  const record: SandboxRecord = {
    v: 1,
    id: newSandboxId(),
    name: taken.includes(name) ? freeSandboxName(taken, name) : name,
    scenario,
    at: Date.now(),
    start: { seed, faults },
  };
  try {
    await writeSandbox(record);
    const files = await LessonFiles.open(
      sandboxExerciseId(record.id),
      sandboxStarters(scenario.roles.map((r) => r.name)),
    );
    await openShared(files, { seed, faults, shared: code });
    files.close();
  } catch (error) {
    return { error: `This share link could not be saved as a sandbox: ${(error as Error).message}` };
  }
  return { id: record.id };
}
