/**
 * `npm run sim -- <lesson> [--seed N] [--until MS] [--step N] [--role NAME=FILE ...] [--solution] [--check] [--seeds K] [--json]`
 * `npm run sim -- --list`
 *
 * Runs a lesson's scenario headless in Node (in-process host). Exit codes: 0 ran (and every check passed),
 * 1 a check failed, 2 bad arguments or code that does not compile (one line naming the file and line),
 * 3 a node never finished handling an event (an infinite loop): the run is stopped and the node named.
 */
import { parseArgs } from 'node:util';
import type { CheckResult } from '../workers/host/headless';
import { checkSeedsOf, DEFAULT_CHECK_SEEDS } from '../workers/kernel/scenario';
import { describeLoadError, swapRoles, UsageError, wholeNumber } from './lib/cli-args';
import { NOT_A_FUNCTION } from '../workers/runtime/node-runtime';
import { exitAfterOutput } from './lib/exit';
import { RunawayError, runContained } from './lib/guarded';
import { exerciseFor, findLesson, loadLessons } from './lib/lesson-loader';

const USAGE =
  'usage: npm run sim -- <lesson> [--seed N] [--until MS] [--step N] [--role NAME=FILE ...] [--solution] [--check] [--seeds K] [--json] | --list';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArguments(argv);
  if (values.list) {
    for (const lesson of await loadLessons()) {
      console.log(`${lesson.id}\t${Object.keys(lesson.scenario.roles).join(' ')}`);
    }
    return 0;
  }
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new UsageError(USAGE);
  const lesson = await findLesson(target);
  if (!lesson) throw new UsageError(`no lesson or scenario named '${target}' (try: npm run sim -- --list)`);

  const seed = wholeNumber(values.seed ?? '1', '--seed');
  const seedCount = values.seeds === undefined ? undefined : wholeNumber(values.seeds, '--seeds');
  const until = values.until === undefined ? undefined : wholeNumber(values.until, '--until');
  const step = values.step === undefined ? undefined : wholeNumber(values.step, '--step');
  if (step !== undefined && !lesson.steps.some((s) => s.step === step)) {
    const own = lesson.steps.map((s) => s.step).join(', ') || 'none';
    throw new UsageError(
      `--step ${step}: ${lesson.id} has no exercise of its own at that step (steps with one: ${own})`,
    );
  }
  const exercise = exerciseFor(lesson, step);
  const roles = swapRoles(
    values.solution ? exercise.solution : exercise.starter,
    values.role ?? [],
    exercise.scenario.roles,
  );

  const outcome = await runContained({ lessonId: lesson.id, step, roles, mode: 'run', seeds: [seed], until });
  if (!outcome.ok) throw new UsageError(describeLoadError(outcome.errors[0]!));
  let checks: CheckResult[] = [];
  if (values.check) {
    // --check runs the exercise's seeds (DEFAULT_CHECK_SEEDS, as the browser and lessons:verify do), from --seed.
    const seeds = checkSeedsOf(
      values.seed === undefined ? exercise.scenario : { checkSeeds: { first: seed, count: 0 } },
      seedCount ?? exercise.scenario.checkSeeds?.count ?? DEFAULT_CHECK_SEEDS,
    );
    const checked = await runContained({ lessonId: lesson.id, step, roles, mode: 'check', seeds });
    if (!checked.ok) throw new UsageError(describeLoadError(checked.errors[0]!));
    checks = checked.results;
  }
  const { result, hash, stats } = outcome;
  // A role that compiled but has nothing to run (its default export is not a function) is the caller's error.
  const unrunnable = result.trace.find((e) => e.kind === 'crash' && e.reason.endsWith(NOT_A_FUNCTION));
  if (unrunnable?.kind === 'crash') throw new UsageError(unrunnable.reason);
  const summary = {
    scenario: step === undefined ? lesson.id : `${lesson.id}/step-${step}`,
    seed,
    virtualMs: result.virtualMs,
    events: stats.events,
    messages: stats.messages,
    traceHash: hash,
    checks: checks.map(({ name, kind, passed, reason, seed, at, measured }) => ({
      name,
      kind,
      passed,
      reason,
      seed,
      ...(at !== undefined ? { at } : {}),
      ...(measured ? { measured } : {}),
    })),
  };
  if (values.json) console.log(JSON.stringify(summary));
  else printSummary(summary, result.trace.filter((e) => e.kind === 'error' || e.kind === 'crash').length);
  return checks.every((c) => c.passed) ? 0 : 1;
}

function parseArguments(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        seed: { type: 'string' },
        until: { type: 'string' },
        role: { type: 'string', multiple: true },
        solution: { type: 'boolean' },
        check: { type: 'boolean' },
        seeds: { type: 'string' },
        step: { type: 'string' },
        json: { type: 'boolean' },
        list: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

function printSummary(
  summary: {
    scenario: string;
    seed: number;
    virtualMs: number;
    events: number;
    messages: { sent: number; delivered: number; dropped: number; duplicated: number };
    traceHash: string;
    checks: { name: string; kind: string; passed: boolean; reason: string; seed: number }[];
  },
  problems: number,
): void {
  const m = summary.messages;
  console.log(`${summary.scenario}  seed ${summary.seed}  ran to ${summary.virtualMs} ms`);
  console.log(
    `  ${summary.events} events; messages: ${m.sent} sent, ${m.delivered} delivered, ${m.dropped} dropped, ${m.duplicated} duplicated`,
  );
  if (problems > 0) console.log(`  ${problems} errors or crashes in the trace`);
  console.log(`  trace hash ${summary.traceHash}`);
  for (const c of summary.checks) {
    console.log(`  ${c.passed ? 'PASS' : 'FAIL'} [seed ${c.seed}] ${c.kind} "${c.name}": ${c.reason}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (error: unknown) => {
    if (error instanceof RunawayError) {
      console.error(error.message);
      return exitAfterOutput(3);
    }
    if (error instanceof UsageError) {
      console.error(error.message);
      return exitAfterOutput(2);
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(message.split('\n')[0]);
    exitAfterOutput(2);
  },
);
