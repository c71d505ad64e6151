// Worker threads do not inherit tsx's loader: register it here, then load the TypeScript job runner.
// Under Node's permission model (runContained's child) tsx cannot run (its esbuild service is a child
// process): ts-loader-hooks.mjs strips types in-thread instead.
import { register } from 'node:module';

// The contained child's sockets: closed before any other module (or learner code) loads (close-network.mjs).
if (process.permission) (await import('./close-network.mjs')).closeNetwork({ threads: true });
if (process.permission) register('./ts-loader-hooks.mjs', import.meta.url);
else
  (await import('tsx/esm/api')).register({
    tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname,
  });
await import('./guarded-worker.ts');
