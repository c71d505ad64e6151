/**
 * XState's declaration files for the editor: Monaco's TypeScript resolves `import ... from 'xstate'` in role
 * code the way Node resolution would, from `file:///node_modules/xstate/`, so we ship every .d.ts of the
 * package's typings under that root (as one JSON file, public/xstate-types.json, which app/editor loads).
 * XState's typings import only each other (relative paths), so this set stands alone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = resolve(root, 'node_modules/xstate');

/**
 * Paths (from the editor's root: `node_modules/xstate/index.d.ts`, ...) to their text. Monaco makes every
 * extra lib a root file, so the one global XState's typings need beyond ES2022 (`AbortSignal`, for
 * `fromPromise`; role code runs without the DOM lib) is declared in a file of its own.
 */
export function xstateTypeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = resolve(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.d.ts'))
        files[`node_modules/xstate/${relative(pkg, path)}`] = readFileSync(path, 'utf8');
    }
  };
  walk(resolve(pkg, 'dist/declarations/src'));
  // The package's entry as resolution without package.json finds it: node_modules/xstate/index.d.ts.
  files['node_modules/xstate/index.d.ts'] = "export * from './dist/declarations/src/index';\n";
  files['playground/xstate-globals.d.ts'] =
    'interface AbortSignal { readonly aborted: boolean; readonly reason: unknown }\n';
  return files;
}
