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
  },
});
