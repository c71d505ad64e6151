import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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
  build: { target: 'es2022', sourcemap: true },
  define: {
    // The typed test-only window API is compiled in only when this flag is set (see app/test-api.ts).
    __PLAYGROUND_TEST_API__: JSON.stringify(process.env.PLAYGROUND_TEST_API === '1'),
  },
});
