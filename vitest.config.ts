import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@playground/node': at('./workers/runtime/node-api.ts'),
      '@playground/scenario': at('./workers/kernel/public-scenario.ts'),
    },
  },
  test: {
    include: [
      'workers/**/*.test.ts',
      'app/**/*.test.{ts,tsx}',
      'lessons/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    // Vitest's default is one worker fewer than the cores: one, on CI's two. The slow files mostly wait on
    // child processes (the CLI, real mode's servers) or a worker thread, so two share the cores well: the
    // unit run takes ~115 s instead of ~185 s here (docs/benchmarks.md, CI time).
    maxWorkers: 2,
  },
});
