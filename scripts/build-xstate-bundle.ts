/**
 * Writes workers/runtime/xstate-bundle.ts: the xstate package (its production CommonJS build, bundled and
 * minified by esbuild) as one string, for role-libraries.ts to evaluate inside a node with the node's own
 * shadow globals. Run it after upgrading xstate; xstate-bundle.test.ts fails until you do.
 *
 *   npx tsx scripts/build-xstate-bundle.ts
 *
 * Why a string and not an import: a module imported by the runtime would run on the realm's real
 * `setTimeout`, `Math.random` and `Date.now` (XState's default clock, its scheduled-event ids and its
 * `reportUnhandledError`), and one copy would be shared by every node of the in-process host (its actor id
 * counter too). Evaluated per node boot with the role's globals, XState's timers are the node's virtual
 * timers and its state is the node's, in the browser, in-process and in VmHost alike.
 */
import { writeFileSync } from 'node:fs';
import { xstateBundleFile, XSTATE_BUNDLE_PATH } from './lib/xstate-bundle-source';

const text = xstateBundleFile();
writeFileSync(XSTATE_BUNDLE_PATH, text);
console.log(`wrote ${XSTATE_BUNDLE_PATH} (${text.length} chars)`);
