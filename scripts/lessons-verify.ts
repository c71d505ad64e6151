/**
 * `npm run lessons:verify [-- --json] [-- --lesson ID] [-- --seeds N]`
 *
 * Walks every lesson: its reference solution must pass every check on every seed (default 50), and its
 * starter must fail some check on some seed, with the reason a learner would read. Exits 1 if any lesson
 * breaks that (or fails to load: 2).
 */
import { parseArgs } from 'node:util';
import type { RoleSource } from '../workers/kernel/protocol';
import { runGuarded } from './lib/guarded';
import { loadLessons, type LessonBundle } from './lib/lesson-loader';

interface LessonVerdict {
  id: string;
  chapter: string;
  title: string;
  solution: { passed: boolean; seeds: number; failure?: string };
  starter: { passed: boolean; reason: string };
}

const { values } = parseArgs({
  options: { json: { type: 'boolean' }, lesson: { type: 'string' }, seeds: { type: 'string' } },
});

async function main(): Promise<number> {
  const seedCount = Number(values.seeds ?? 50);
  const lessons = (await loadLessons()).filter((l) => !values.lesson || l.id === values.lesson);
  if (values.lesson && lessons.length === 0) throw new Error(`no lesson with id '${values.lesson}'`);
  const verdicts: LessonVerdict[] = [];
  for (const lesson of lessons) {
    const first = lesson.scenario.checkSeeds?.first ?? 1;
    const seeds = Array.from({ length: lesson.scenario.checkSeeds?.count ?? seedCount }, (_, i) => first + i);
    const verdict: LessonVerdict = {
      id: lesson.id,
      chapter: lesson.chapter.title,
      title: lesson.title,
      solution: await verifySolution(lesson, seeds),
      starter: await verifyStarter(lesson, seeds),
    };
    verdicts.push(verdict);
    if (!values.json) printVerdict(verdict);
  }
  if (values.json) console.log(JSON.stringify(verdicts, null, 2));
  const broken = verdicts.filter((v) => !v.solution.passed || v.starter.passed);
  if (!values.json) {
    console.log(`\n${verdicts.length - broken.length} passed, ${broken.length} failed`);
  }
  return broken.length === 0 ? 0 : 1;
}

/** The solution must pass every check on every seed. */
async function verifySolution(lesson: LessonBundle, seeds: number[]): Promise<LessonVerdict['solution']> {
  if ((lesson.scenario.checks ?? []).length === 0) {
    return { passed: false, seeds: 0, failure: 'the lesson has no checks' };
  }
  const failure = await firstFailure(lesson, lesson.solution, seeds);
  return failure ? { passed: false, seeds: seeds.length, failure } : { passed: true, seeds: seeds.length };
}

/** The starter must fail something; its first failure is the reason a learner sees. */
async function verifyStarter(lesson: LessonBundle, seeds: number[]): Promise<LessonVerdict['starter']> {
  const failure = await firstFailure(lesson, lesson.starter, seeds);
  return failure
    ? { passed: false, reason: failure }
    : { passed: true, reason: `the starter passes every check on all ${seeds.length} seeds` };
}

/** All seeds in one guarded worker thread; the first failing (seed, check) is the reason. */
async function firstFailure(
  lesson: LessonBundle,
  roles: RoleSource[],
  seeds: number[],
): Promise<string | undefined> {
  let checked;
  try {
    checked = await runGuarded({ lessonId: lesson.id, roles, mode: 'check', seeds });
  } catch (error) {
    return (error as Error).message;
  }
  if (!checked.ok) {
    const e = checked.errors[0]!;
    return `does not compile: ${e.file}:${e.line}: ${e.message}`;
  }
  const failed = checked.results.find((r) => !r.passed);
  return failed && `seed ${failed.seed}: ${failed.kind} "${failed.name}" failed: ${failed.reason}`;
}

function printVerdict(v: LessonVerdict): void {
  const ok = v.solution.passed && !v.starter.passed;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${v.id} (${v.chapter}: ${v.title})`);
  console.log(
    `     solution: ${v.solution.passed ? `passes on ${v.solution.seeds} seeds` : `FAILS: ${v.solution.failure}`}`,
  );
  console.log(
    `     starter:  ${v.starter.passed ? `PASSES (it must not): ${v.starter.reason}` : v.starter.reason}`,
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
