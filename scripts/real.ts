/**
 * `npm run real -- <lesson> [--solution] [--role NAME=FILE ...] [--step N] [--until MS] [--seed N] [--speed X] [--check] [--json] [--trace FILE]`
 *
 * Runs a lesson for real: one Node.js process per node on 127.0.0.1, HTTP/JSON between them, real timers,
 * the scenario's faults applied for real (see workers/real/launcher.ts and docs/real-mode.md). `--check`
 * judges the real trace with the lesson's own checks. `--speed X` runs the clock X times faster than real
 * time (timers, timeouts, faults, the run's end all scale; the machine's own latency does not).
 * Progress goes to stderr. Exit codes: 0 ran (and every check passed), 1 a check failed, 2 bad input or a
 * node that would not start (one line saying why), 130 interrupted.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { judge } from '../workers/host/headless';
import { killAllNodes, RealModeError, runReal } from '../workers/real/launcher';
import type { TraceEvent } from '../workers/kernel/protocol';
import { bundleRunner } from './lib/bundle-runner';
import { UsageError, wholeNumber } from './lib/cli-args';
import { chooseExercise } from './lib/lesson-source';

const USAGE =
  'usage: npm run real -- <lesson> [--solution] [--role NAME=FILE ...] [--step N] [--until MS] [--seed N] [--speed X] [--check] [--json] [--trace FILE]';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArguments(argv);
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new UsageError(USAGE);
  const chosen = await chooseExercise({
    target,
    step: values.step === undefined ? undefined : wholeNumber(values.step, '--step'),
    solution: values.solution,
    swaps: values.role,
  });
  const seed = wholeNumber(values.seed ?? '1', '--seed');
  const until = values.until === undefined ? undefined : wholeNumber(values.until, '--until');
  const speed = Number(values.speed ?? '1');
  if (!(speed > 0 && speed <= 100))
    throw new UsageError(`--speed takes a number in (0, 100], got '${values.speed}'`);

  const progress = (line: string) => console.error(`real: ${line}`);
  const runner = await bundleRunner();
  const { scenario, roles } = chosen;
  const { checks: _checks, ...data } = scenario;
  const result = await runReal({
    scenario: data,
    roles,
    seed,
    speed,
    runner,
    progress,
    ...(until === undefined ? {} : { until }),
  });
  const { pids: _pids, ...run } = result;
  const checks = values.check ? (scenario.checks ?? []).map((check) => judge(check, run)) : [];
  if (values.trace) writeFileSync(values.trace, JSON.stringify(run.trace));

  const summary = {
    scenario: chosen.step === undefined ? chosen.lessonId : `${chosen.lessonId}/step-${chosen.step}`,
    mode: 'real',
    seed,
    speed,
    ranMs: run.virtualMs,
    processes: result.pids.length,
    events: run.trace.length,
    messages: countMessages(run.trace),
    checks,
  };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    const m = summary.messages;
    console.log(`${summary.scenario}  real mode  seed ${seed}  ${speed}x  ran to ${run.virtualMs} ms`);
    console.log(
      `  ${summary.processes} node processes; ${summary.events} events; messages: ${m.sent} sent, ${m.delivered} delivered, ${m.dropped} dropped, ${m.duplicated} duplicated`,
    );
    for (const c of checks) console.log(`  ${c.passed ? 'PASS' : 'FAIL'} ${c.kind} "${c.name}": ${c.reason}`);
  }
  return checks.every((c) => c.passed) ? 0 : 1;
}

function countMessages(trace: readonly TraceEvent[]) {
  const m = { sent: 0, delivered: 0, dropped: 0, duplicated: 0 };
  for (const e of trace) {
    if (e.kind === 'send') m.sent++;
    else if (e.kind === 'deliver') m.delivered++;
    else if (e.kind === 'drop') m.dropped++;
    else if (e.kind === 'duplicate') m.duplicated++;
  }
  return m;
}

function parseArguments(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        seed: { type: 'string' },
        until: { type: 'string' },
        speed: { type: 'string' },
        role: { type: 'string', multiple: true },
        solution: { type: 'boolean' },
        check: { type: 'boolean' },
        step: { type: 'string' },
        json: { type: 'boolean' },
        trace: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`real: ${signal}: stopping every node process`);
    killAllNodes();
    process.exit(130);
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      error instanceof UsageError || error instanceof RealModeError ? message : message.split('\n')[0],
    );
    process.exit(2);
  },
);
