/**
 * `npm run lessons:verify [-- --json] [-- --lesson ID] [-- --seeds N]`
 *
 * Walks every lesson: its reference solution must pass every check on every seed (default 50), and its
 * starter must fail some check on some seed, with the reason a learner would read. Exits 1 if any lesson
 * breaks that (or fails to load: 2).
 */
import { parseArgs } from 'node:util';
import type { RoleSource } from '../workers/kernel/protocol';
import { exitAfterOutput } from './lib/exit';
import { runGuarded } from './lib/guarded';
import { loadLessons, type Exercise } from './lib/lesson-loader';

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
    // The lesson's exercise, then every step that has one of its own (id `<lesson>/step-<n>`).
    const exercises: { id: string; step?: number; exercise: Exercise }[] = [
      { id: lesson.id, exercise: lesson },
      ...lesson.steps.map((s) => ({ id: `${lesson.id}/step-${s.step}`, step: s.step, exercise: s })),
    ];
    for (const { id, step, exercise } of exercises) {
      const { checkSeeds } = exercise.scenario;
      const seeds = Array.from(
        { length: checkSeeds?.count ?? seedCount },
        (_, i) => (checkSeeds?.first ?? 1) + i,
      );
      const judge = (roles: RoleSource[]) => firstFailure(lesson.id, step, roles, seeds);
      const verdict: LessonVerdict = {
        id,
        chapter: lesson.chapter.title,
        title: lesson.title,
        solution: await verifySolution(exercise, seeds.length, judge),
        starter: await verifyStarter(exercise, seeds.length, judge),
      };
      verdicts.push(verdict);
      if (!values.json) printVerdict(verdict);
    }
  }
  if (values.json) console.log(JSON.stringify(verdicts, null, 2));
  const broken = verdicts.filter((v) => !v.solution.passed || v.starter.passed);
  if (!values.json) {
    console.log(`\n${verdicts.length - broken.length} passed, ${broken.length} failed`);
  }
  return broken.length === 0 ? 0 : 1;
}

type Judge = (roles: RoleSource[]) => Promise<string | undefined>;

/** The solution must pass every check on every seed. */
async function verifySolution(
  exercise: Exercise,
  seeds: number,
  judge: Judge,
): Promise<LessonVerdict['solution']> {
  if ((exercise.scenario.checks ?? []).length === 0)
    return { passed: false, seeds: 0, failure: 'it has no checks' };
  const failure = await judge(exercise.solution);
  return failure ? { passed: false, seeds, failure } : { passed: true, seeds };
}

/** The starter must fail something; its first failure is the reason a learner sees. */
async function verifyStarter(
  exercise: Exercise,
  seeds: number,
  judge: Judge,
): Promise<LessonVerdict['starter']> {
  const failure = await judge(exercise.starter);
  return failure
    ? { passed: false, reason: failure }
    : { passed: true, reason: `the starter passes every check on all ${seeds} seeds` };
}

/** All seeds in one guarded worker thread; the first failing (seed, check) is the reason. */
async function firstFailure(
  lessonId: string,
  step: number | undefined,
  roles: RoleSource[],
  seeds: number[],
): Promise<string | undefined> {
  let checked;
  try {
    checked = await runGuarded({ lessonId, step, roles, mode: 'check', seeds });
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
  (code) => exitAfterOutput(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    exitAfterOutput(2);
  },
);
