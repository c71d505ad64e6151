/**
 * Compile one role's TypeScript into a factory: compiled once per role, instantiated once per node boot.
 *
 * Why sucrase: it strips types and rewrites ES modules to CommonJS while keeping every line where it was,
 * so a stack frame's line in the compiled code is the learner's line plus a constant offset (no source maps
 * needed for lines). Columns do move where sucrase removed type annotations or `export` keywords; sucrase's
 * per-token source map (decoded only when an error is located) puts them back. Evaluating the output and
 * mapping stack frames is role-module.ts (no compiler there, so a node's own realm can carry it).
 */
import { transform } from 'sucrase';
import type { LoadError, RoleSource } from '../kernel/protocol';
import { roleModule, type CompiledRole, type RealmFunction } from './role-module';
import { findForbiddenImport, LIBRARY_MODULES, NODE_API_MODULE } from './vet-imports';

export type { CompiledRole, RealmFunction, RoleGlobals } from './role-module';
export { functionLineOffset, locateError, shortStack } from './role-module';

export type CompileResult = { ok: true; role: CompiledRole } | { ok: false; error: LoadError };

/** A role as JavaScript (the factory body) and its source map's mappings, or why it does not compile. */
export type TransformResult =
  { ok: true; code: string; mappings: string | undefined } | { ok: false; error: LoadError };

/**
 * Compile a role. Syntax errors and forbidden imports come back as a {@link LoadError} naming file and line.
 * `newRealm`: evaluate each boot's module in a realm of its own (role-module.ts).
 */
export function compileRole(src: RoleSource, newRealm?: RealmFunction): CompileResult {
  const out = transformRole(src);
  if (!out.ok) return out;
  const role = roleModule(src, out.code, out.mappings, newRealm);
  if (typeof role === 'string')
    return { ok: false, error: { role: src.role, file: src.file, line: 1, message: role } };
  return { ok: true, role };
}

/**
 * The JavaScript of a role, checked (syntax, a default export, imports), not yet evaluated. A pure function
 * of the role's name, file and text, so it is kept: a Check loads the same roles again for every seed (a
 * fresh host each), and sucrase was ~8% of a seed.
 */
export function transformRole(src: RoleSource): TransformResult {
  const key = `${src.role}\0${src.file}\0${src.source}`;
  const known = transformed.get(key);
  if (known) return known;
  const result = frozen(transformUncached(src));
  if (transformed.size >= TRANSFORMS_KEPT) transformed.delete(transformed.keys().next().value!);
  transformed.set(key, result);
  return result;
}

/** Enough for every role of a few exercises (a Check, its shrink, a Run of the reference beside it). */
const TRANSFORMS_KEPT = 32;
const transformed = new Map<string, TransformResult>();

/** The result and its error, frozen: every caller of a kept result gets the same object. */
function frozen(result: TransformResult): TransformResult {
  if (!result.ok) Object.freeze(result.error);
  return Object.freeze(result);
}

function transformUncached(src: RoleSource): TransformResult {
  let mappings: string | undefined;
  const fail = (line: number, column: number | undefined, message: string): TransformResult => ({
    ok: false,
    error: { role: src.role, file: src.file, line, ...(column === undefined ? {} : { column }), message },
  });

  let code: string;
  try {
    // Imports are vetted on the tokens below, so sucrase's elision of unused imports hides nothing.
    const out = transform('\n' + src.source, {
      transforms: ['typescript', 'imports'],
      production: true,
      sourceMapOptions: { compiledFilename: src.file },
      filePath: src.file,
    });
    code = out.code;
    mappings = out.sourceMap?.mappings;
  } catch (err) {
    const loc = (err as { loc?: { line: number; column: number } }).loc;
    // Sucrase says "Error transforming <file>: Unexpected token (3:13)"; file and place go in their fields.
    const message = String((err as Error).message ?? err)
      .replace(/^Error transforming [^:]*: /, '')
      .replace(/\s*\(\d+:\d+\)$/, '');
    // The source we compiled had one extra leading line.
    return fail(loc ? Math.max(1, loc.line - 1) : 1, loc?.column, message);
  }

  // A role with nothing to run is a load error, not a node that crashes at boot (the CLI exits 2 on it).
  if (!/\bexports\.\s*default\s*=|\bmodule\.exports\b/.test(code)) {
    const what = src.source.trim() === '' ? 'the file is empty' : 'there is no default export';
    return fail(1, undefined, `${what}: a role is export default function name(node) { ... }`);
  }

  const forbidden = findForbiddenImport(src.source);
  if (forbidden) {
    return fail(
      forbidden.line,
      forbidden.column,
      `role code cannot import '${forbidden.specifier}': only type imports from '${NODE_API_MODULE}', ` +
        `and ${LIBRARY_MODULES.map((m) => `'${m}'`).join(', ')}`,
    );
  }
  return { ok: true, code, mappings };
}
