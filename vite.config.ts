import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';
import { courseOutline } from './scripts/vite/course-outline-plugin';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const testApi = process.env.PLAYGROUND_TEST_API === '1';

// `base: './'` makes every URL in the build relative, so dist/ works from any sub-path of any static server.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    // The course map's titles and step counts, cut from the course at build time (its bundle carries no prose).
    courseOutline(),
    // Offline: a service worker precaches every file of the build (Monaco and its TypeScript worker too), so
    // after one visit every lesson opens and runs with the network off. `prompt`: a new version waits until
    // the learner reloads (the page is told, see app/shell/UpdateNotice.tsx) instead of mixing old and new.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Distributed Patterns Playground',
        short_name: 'Patterns Playground',
        description: 'Learn the patterns of Designing Distributed Systems by running them.',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: '#4263eb',
        background_color: '#f6f6f3',
        // Drawn by scripts/build-icons.ts (committed in public/icons/): the sizes Chromium's install needs, and
        // a maskable one whose mark stays inside the safe circle.
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // `cjs`: the node runner that "Run it for real" puts in its download (app/realmode/downloadBundle.ts).
        globPatterns: ['**/*.{js,cjs,css,html,ttf,woff2,svg,png,ts,webmanifest}'],
        globIgnores: ['**/*.map'],
        // Monaco's TypeScript worker alone is ~7 MB.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        // The first visit's page is controlled at once, so "after one visit" needs no second load.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        // Routes live in the hash: the only navigation is to the folder itself (or index.html).
        navigateFallback: 'index.html',
        navigateFallbackAllowlist: [/\/$/, /\/index\.html$/],
      },
    }),
  ],
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
