/**
 * `npm run lessons:verify [-- --json] [-- --lesson ID] [-- --seeds N]`
 *
 * Walks every exercise (each lesson's, and each step's own): its reference solution must pass every check
 * on every seed (default DEFAULT_CHECK_SEEDS), its starter must fail some check, and each of its broken
 * variants (`broken/<role>-<bug>.ts`, at least MIN_BROKEN) must fail some check, with the reason a learner
 * would read. Exits 1 if any exercise breaks that (or fails to load: 2). Each exercise runs on a worker thread of
 * its own, as many at once as the machine has cores.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { checkSeedsOf } from '../workers/kernel/scenario';
import { exitAfterOutput } from './lib/exit';
import { runGuarded, type BatchItem, type BatchOutcome } from './lib/guarded';
import { loadLessons, type Exercise } from './lib/lesson-loader';

/** Every exercise keeps at least this many plausible wrong solutions, each caught by a check. */
const MIN_BROKEN = 3;

interface ExerciseVerdict {
  id: string;
  chapter: string;
  title: string;
  solution: { passed: boolean; seeds: number; failure?: string };
  starter: { passed: boolean; reason: string };
  broken: { file: string; bug: string; passed: boolean; reason: string }[];
  /** What is wrong with this exercise, if anything (empty when it verifies). */
  problems: string[];
  /** Wall time of this exercise's thread, ms (what to look at when CI's verify grows). */
  ms: number;
}

const { values } = parseArgs({
  options: { json: { type: 'boolean' }, lesson: { type: 'string' }, seeds: { type: 'string' } },
});

async function main(): Promise<number> {
  const seedCount = values.seeds === undefined ? undefined : Number(values.seeds);
  if (seedCount !== undefined && !(Number.isInteger(seedCount) && seedCount > 0))
    throw new Error(`--seeds ${values.seeds}: give a whole number > 0`);
  const lessons = (await loadLessons()).filter((l) => !values.lesson || l.id === values.lesson);
  if (values.lesson && lessons.length === 0) throw new Error(`no lesson with id '${values.lesson}'`);
  const jobs = lessons.flatMap((lesson) => [
    { id: lesson.id, lesson, step: undefined as number | undefined, exercise: lesson as Exercise },
    ...lesson.steps.map((s) => ({
      id: `${lesson.id}/step-${s.step}`,
      lesson,
      step: s.step,
      exercise: s as Exercise,
    })),
  ]);
  const pool = new Pool(Math.max(1, Math.min(availableParallelism(), 4)));
  const verdicts = await Promise.all(
    jobs.map(async ({ id, lesson, step, exercise }) => {
      const seeds = checkSeedsOf(exercise.scenario, seedCount);
      const codes: BatchItem[] = [
        { roles: exercise.solution, stopAtFirstFailure: false },
        { roles: exercise.starter, stopAtFirstFailure: true },
        ...exercise.broken.map((b) => ({ roles: b.roles, stopAtFirstFailure: true })),
      ];
      let ms = 0;
      const [solution, starter, ...broken] = await pool.run(async () => {
        const started = performance.now();
        const outcomes = await judgeAll(lesson.id, step, codes, seeds);
        ms = Math.round(performance.now() - started);
        return outcomes;
      });
      const verdict: ExerciseVerdict = {
        id,
        chapter: lesson.chapter.title,
        title: lesson.title,
        solution:
          (exercise.scenario.checks ?? []).length === 0
            ? { passed: false, seeds: 0, failure: 'it has no checks' }
            : solution
              ? { passed: false, seeds: seeds.length, failure: solution }
              : { passed: true, seeds: seeds.length },
        starter: starter
          ? { passed: false, reason: starter }
          : { passed: true, reason: `the starter passes every check on all ${seeds.length} seeds` },
        broken: exercise.broken.map((b, i) => ({
          file: b.file,
          bug: b.bug,
          passed: broken[i] === undefined,
          reason: broken[i] ?? `passes every check on all ${seeds.length} seeds`,
        })),
        problems: [],
        ms,
      };
      if (!verdict.solution.passed) verdict.problems.push(`the solution fails: ${verdict.solution.failure}`);
      if (verdict.starter.passed) verdict.problems.push('the starter passes every check');
      for (const b of verdict.broken)
        if (b.passed) verdict.problems.push(`${b.file} (${b.bug}) passes every check`);
      if (exercise.broken.length < MIN_BROKEN)
        verdict.problems.push(
          `it keeps ${exercise.broken.length} broken variants; at least ${MIN_BROKEN} are needed`,
        );
      if (!values.json) printVerdict(verdict);
      return verdict;
    }),
  );
  if (values.json) console.log(JSON.stringify(verdicts, null, 2));
  const bad = verdicts.filter((v) => v.problems.length > 0);
  if (!values.json) console.log(`\n${verdicts.length - bad.length} passed, ${bad.length} failed`);
  return bad.length === 0 ? 0 : 1;
}

/** Runs at most `size` jobs at once (each is a worker thread). */
class Pool {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((go) => this.waiting.push(go));
    this.running++;
    try {
      return await job();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * Every code of one exercise over all seeds in one guarded worker thread (its start costs more than a
 * short check: seconds, against a tenth of one for a seed); for each, the first failing (seed, check) is the
 * reason. If the thread dies (a code that never returns, or runs out of memory, kills it with every code it
 * had left), each code is judged again in a thread of its own, so only that code is blamed.
 */
async function judgeAll(
  lessonId: string,
  step: number | undefined,
  codes: BatchItem[],
  seeds: number[],
): Promise<(string | undefined)[]> {
  // The course's own code (solutions, starters, broken variants): no realm per node needed, same traces.
  const job = { lessonId, step, mode: 'check', seeds, host: 'in-process' } as const;
  try {
    return (await runGuarded({ ...job, roles: [], batch: codes })).map(firstFailure);
  } catch {
    return Promise.all(
      codes.map(({ roles, stopAtFirstFailure }) =>
        runGuarded({ ...job, roles, stopAtFirstFailure }).then(firstFailure, (error: Error) => error.message),
      ),
    );
  }
}

function firstFailure(checked: BatchOutcome): string | undefined {
  if ('thrown' in checked) return checked.thrown;
  if (!checked.ok) {
    const e = checked.errors[0]!;
    return `does not compile: ${e.file}:${e.line}: ${e.message}`;
  }
  const failed = checked.results.find((r) => !r.passed);
  return failed && `seed ${failed.seed}: ${failed.kind} "${failed.name}" failed: ${failed.reason}`;
}

function printVerdict(v: ExerciseVerdict): void {
  console.log(
    `${v.problems.length === 0 ? 'ok  ' : 'FAIL'} ${v.id} (${v.chapter}: ${v.title}) ${(v.ms / 1000).toFixed(1)} s`,
  );
  console.log(
    `     solution: ${v.solution.passed ? `passes on ${v.solution.seeds} seeds` : `FAILS: ${v.solution.failure}`}`,
  );
  console.log(
    `     starter:  ${v.starter.passed ? `PASSES (it must not): ${v.starter.reason}` : v.starter.reason}`,
  );
  for (const b of v.broken)
    console.log(`     ${b.file}: ${b.passed ? `PASSES (it must not; ${b.bug})` : b.reason}`);
  for (const p of v.problems) console.log(`     problem: ${p}`);
}

main().then(
  (code) => exitAfterOutput(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    exitAfterOutput(2);
  },
);
