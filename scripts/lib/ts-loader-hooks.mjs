/**
 * A TypeScript loader for the contained child process (guarded.ts `runContained`), which runs under Node's
 * permission model: tsx cannot work there (its esbuild service is a child process, which the model refuses),
 * so `.ts` modules are stripped of types by sucrase (plain JavaScript, in this thread) instead. Resolves what
 * the project's imports need: extensionless relative paths and the two `@playground/*` aliases (tsconfig.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'sucrase';

const root = new URL('../../', import.meta.url);
const ALIASES = {
  '@playground/node': 'workers/runtime/node-api.ts',
  '@playground/scenario': 'workers/kernel/public-scenario.ts',
};

export async function resolve(specifier, context, next) {
  const alias = ALIASES[specifier];
  if (alias) return { url: new URL(alias, root).href, shortCircuit: true };
  const relative = specifier.startsWith('./') || specifier.startsWith('../');
  if (relative && context.parentURL?.startsWith('file:')) {
    const path = fileURLToPath(new URL(specifier, context.parentURL));
    if (!/\.(m?js|cjs|ts|json)$/.test(path)) {
      for (const candidate of [`${path}.ts`, `${path}/index.ts`])
        if (existsSync(candidate)) return { url: pathToFileURL(candidate).href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const filePath = fileURLToPath(url);
  const { code } = transform(readFileSync(filePath, 'utf8'), {
    transforms: ['typescript'],
    filePath,
    disableESTransforms: true,
  });
  return { format: 'module', source: code, shortCircuit: true };
}
