/**
 * Bundles the node runner (workers/real/node-main.ts and what it imports: the runtime, the compile step,
 * sucrase) into one CommonJS file that plain `node` starts in tens of milliseconds: the file real mode
 * forks once per node, and the one the Kubernetes bundle's image runs.
 */
import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

export const RUNNER_ENTRY = join(import.meta.dirname, '..', '..', 'workers', 'real', 'node-main.ts');
/** Where real mode keeps its bundle between runs. */
export const RUNNER_CACHE = join(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '.cache',
  'playground-real',
  'node-runner.cjs',
);

/** Write the bundle to `outfile` (default the cache); returns its path. */
export async function bundleRunner(outfile = RUNNER_CACHE): Promise<string> {
  mkdirSync(dirname(outfile), { recursive: true });
  // Written beside and renamed over: a run starting meanwhile never forks half a file.
  const tmp = `${outfile}.${process.pid}.tmp`;
  await build({
    entryPoints: [RUNNER_ENTRY],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    legalComments: 'none',
    banner: { js: '// The Distributed Patterns Playground node runner (generated: npm run build).' },
  });
  renameSync(tmp, outfile);
  return outfile;
}
