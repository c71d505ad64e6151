/**
 * Writes the bundled node runner where the site serves it (`public/runner/node-runner.cjs`), so the
 * "Run it for real" panel can put it in the Kubernetes bundle it zips in the browser. Part of `npm run build`.
 */
import { join } from 'node:path';
import { bundleRunner } from './lib/bundle-runner';

const out = join(import.meta.dirname, '..', 'public', 'runner', 'node-runner.cjs');
await bundleRunner(out);
