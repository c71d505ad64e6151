/**
 * `npm run export -- k8s <lesson> [--solution] [--step N] [--role NAME=FILE ...] [--out DIR]`
 *
 * Writes the lesson's Kubernetes bundle (workers/deploy/k8s-bundle.ts): Dockerfile + node runner + role
 * code, a kustomization under k8s/, and compose.yaml. Default output: export/<lesson>/. Exit 2 on bad input.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundle } from '../workers/deploy/k8s-bundle';
import { bundleRunner } from './lib/bundle-runner';
import { UsageError, wholeNumber } from './lib/cli-args';
import { chooseExercise } from './lib/lesson-source';

const USAGE =
  'usage: npm run export -- k8s <lesson> [--solution] [--step N] [--role NAME=FILE ...] [--out DIR]';

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        solution: { type: 'boolean' },
        step: { type: 'string' },
        role: { type: 'string', multiple: true },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [target, lesson, ...rest] = positionals;
  if (target !== 'k8s' || !lesson || rest.length > 0) throw new UsageError(USAGE);
  const chosen = await chooseExercise({
    target: lesson,
    step: values.step === undefined ? undefined : wholeNumber(values.step, '--step'),
    solution: values.solution,
    swaps: values.role,
  });
  const { checks: _checks, ...scenario } = chosen.scenario;
  const runner = readFileSync(await bundleRunner(), 'utf8');
  const files = buildBundle({ lessonId: chosen.lessonId, scenario, roles: chosen.roles, runner });
  const out = values.out ?? join('export', chosen.lessonId);
  for (const [path, text] of Object.entries(files)) {
    const file = join(out, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  console.error(
    `export: wrote ${Object.keys(files).length} files to ${relative(process.cwd(), out) || out}/`,
  );
  console.error(
    `export: docker build -t playground-${chosen.lessonId}:latest ${out} && kubectl apply -k ${join(out, 'k8s')}`,
  );
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message.split('\n')[0] : String(error));
    process.exit(2);
  },
);
