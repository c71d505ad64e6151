import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const testApi = process.env.PLAYGROUND_TEST_API === '1';

// `base: './'` makes every URL in the build relative, so dist/ works from any sub-path of any static server.
export default defineConfig({
  base: './',
  plugins: [react()],
  resolve: {
    alias: {
      '@playground/node': at('./workers/runtime/node-api.ts'),
      '@playground/scenario': at('./workers/kernel/public-scenario.ts'),
    },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Test builds add the engine harness and benchmark pages (no React) beside the app.
    // (`rolldownOptions` is Vite 8's name for `rollupOptions`.)
    ...(testApi && {
      rolldownOptions: {
        input: {
          main: at('./index.html'),
          engine: at('./e2e/harness/engine.html'),
          bench: at('./e2e/harness/bench.html'),
        },
      },
    }),
  },
  define: {
    // The typed test-only window API is compiled in only when this flag is set (see app/test-api.ts).
    __PLAYGROUND_TEST_API__: JSON.stringify(testApi),
  },
});
