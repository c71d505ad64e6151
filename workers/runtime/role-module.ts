/**
 * A compiled role's JavaScript made into a module factory, and stack frames mapped back to the learner's lines.
 * No compiler here (compile.ts runs sucrase): this file is what a realm that only runs roles needs, so a
 * node's own realm (a vm context headless, a Worker) can evaluate code compiled elsewhere with its own
 * `Function`, and map its errors with the source map compiled alongside.
 *
 * Line arithmetic (measured in Node 20; Chromium is the same V8): `new Function(a, b, body)` compiles
 * `function anonymous(a,b\n) {\n<body>\n}`, so body line 1 is line 3 of the function. compile.ts also prepends
 * one newline to the learner's source, so sucrase's prologue sits on its own line and never shifts the
 * learner's first line. Learner line L is thus reported as L + 3. The 2 is not hard-coded:
 * {@link functionLineOffset} measures it once with a probe, so another engine that wraps differently still
 * maps right.
 */
import type { SourceLocation } from '../kernel/protocol';
import { libraryLoader } from './role-libraries';

/** The one module role code may name (for types only: it has nothing at run time). */
export const NODE_API_MODULE = '@playground/node';

/** The globals role code sees instead of the real ones: everything that would leak real time or randomness. */
export interface RoleGlobals {
  Math: Math;
  Date: DateConstructor;
  setTimeout: (fn: unknown, ms?: number, ...args: unknown[]) => number;
  setInterval: (fn: unknown, ms?: number, ...args: unknown[]) => number;
  clearTimeout: (id?: number) => void;
  clearInterval: (id?: number) => void;
  performance: { now(): number; readonly timeOrigin: number };
  /** Web Crypto, deterministic (node-globals.ts, sim-subtle.ts): the same in every host. */
  crypto: Crypto;
}

/** A compiled role: run `instantiate` once per node boot to get a fresh module (fresh top-level state). */
export interface CompiledRole {
  readonly role: string;
  readonly file: string;
  /** Evaluate the module with these globals; returns its exports (the role main is `exports.default`). */
  instantiate(globals: RoleGlobals): Record<string, unknown>;
}

/** Parameter names of the factory: they lexically shadow the real globals inside role code. */
const PARAMS = [
  'exports',
  'module',
  'require',
  'Math',
  'Date',
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'performance',
  'crypto',
] as const;

type Factory = (...args: unknown[]) => void;

/**
 * A `Function` constructor of a fresh realm, asked once per node boot (sealed-realm.ts gives a Compartment's):
 * with one, each boot's role code is evaluated there instead of in this realm.
 */
export type RealmFunction = () => FunctionConstructor;

/**
 * The module factory of `code` (compile.ts's output for `src`), evaluated by this realm's `Function` (or, with
 * `newRealm`, by a fresh realm's at each boot); `mappings` is its source map, for columns. A string is the
 * reason it did not evaluate.
 */
export function roleModule(
  src: { role: string; file: string },
  code: string,
  mappings: string | undefined,
  newRealm?: RealmFunction,
): CompiledRole | string {
  const body = `${code}\n//# sourceURL=${src.file}`;
  let factory: Factory;
  try {
    // Compiled here once even with `newRealm`: a syntax error is a load error, not a crash at every boot.
    factory = new Function(...PARAMS, body) as Factory;
  } catch (err) {
    // Strict-mode errors sucrase lets through (e.g. `with`, duplicate `let`): V8 gives no position for them.
    return String((err as Error).message ?? err);
  }
  if (mappings !== undefined) columnMaps.set(src.file, mappings);

  const role: CompiledRole = {
    role: src.role,
    file: src.file,
    instantiate(g) {
      const module = { exports: {} as Record<string, unknown> };
      // Libraries (xstate) are evaluated per boot with this node's globals: see role-libraries.ts.
      const library = libraryLoader(g);
      const require = (name: unknown): unknown => {
        const found = typeof name === 'string' ? library(name) : undefined;
        if (found) return found;
        if (name === NODE_API_MODULE) {
          throw new Error(`'${NODE_API_MODULE}' has only types at run time: write \`import type { ... }\``);
        }
        throw new Error(`role code cannot import '${String(name)}'`);
      };
      const make = newRealm ? (newRealm()(...PARAMS, body) as Factory) : factory;
      make.call(
        undefined,
        module.exports,
        module,
        require,
        g.Math,
        g.Date,
        g.setTimeout,
        g.setInterval,
        g.clearTimeout,
        g.clearInterval,
        undefined, // setImmediate: real macrotasks would break determinism
        undefined,
        g.performance,
        g.crypto,
      );
      return module.exports;
    },
  };
  return role;
}

// ---------------------------------------------------------------------------------------------------------
// Mapping stack frames back to the learner's lines.
// ---------------------------------------------------------------------------------------------------------

let measuredOffset: number | undefined;

/** Source map `mappings` of the latest compile of each role file: only columns need it (lines are kept). */
const columnMaps = new Map<string, string>();

/** How many lines `new Function` puts before the body (2 in V8), measured once with a probe. */
export function functionLineOffset(): number {
  if (measuredOffset === undefined) {
    const probe = '__playground_probe__.js';
    measuredOffset = 2;
    try {
      (new Function(...PARAMS, `throw new Error('probe')\n//# sourceURL=${probe}`) as Factory)();
    } catch (err) {
      const frame = findFrame(stackOf(err), probe);
      if (frame) measuredOffset = frame.line - 1;
    }
  }
  return measuredOffset;
}

/** Lines before the learner's line 1 in a compiled role: the Function header plus our one leading newline. */
function roleLineOffset(): number {
  return functionLineOffset() + 1;
}

function stackOf(err: unknown): string {
  const stack = (err as { stack?: unknown } | null)?.stack;
  return typeof stack === 'string' ? stack : '';
}

/** First `file:line:column` in a stack, as V8 (`at f (file:1:2)`) and SpiderMonkey (`f@file:1:2`) print it. */
function findFrame(stack: string, file: string): { line: number; column: number; index: number } | undefined {
  const lines = stack.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const hit = matchFrame(lines[index] ?? '', file);
    if (hit) return { ...hit, index };
  }
  return undefined;
}

function matchFrame(text: string, file: string): { line: number; column: number; at: number } | undefined {
  let from = 0;
  for (;;) {
    const at = text.indexOf(`${file}:`, from);
    if (at < 0) return undefined;
    const before = at === 0 ? ' ' : text[at - 1];
    const m = /^(\d+):(\d+)/.exec(text.slice(at + file.length + 1));
    if (m && (before === ' ' || before === '(' || before === '@')) {
      return { line: Number(m[1]), column: Number(m[2]), at };
    }
    from = at + 1;
  }
}

/** Where in the learner's `file` an error was thrown: its first stack frame in that file, in learner lines. */
export function locateError(err: unknown, file: string): SourceLocation | undefined {
  const frame = findFrame(stackOf(err), file);
  if (!frame) return undefined;
  const line = frame.line - roleLineOffset();
  if (line < 1) return undefined;
  return { file, line, column: learnerColumn(file, line, frame.column) ?? frame.column };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The learner's column for a 1-based `column` on learner line `line` of the compiled code, from the source
 * map (compiled line = learner line + 1: the leading newline). Segment fields are VLQ deltas; the source
 * line and column deltas run across lines, so decoding starts at the top.
 */
function learnerColumn(file: string, line: number, column: number): number | undefined {
  const mappings = columnMaps.get(file);
  if (!mappings) return undefined;
  const lines = mappings.split(';');
  let srcLine = 0;
  let srcCol = 0;
  let best: number | undefined;
  for (let l = 0; l <= line && l < lines.length; l++) {
    let genCol = 0;
    for (const segment of (lines[l] ?? '').split(',')) {
      if (!segment) continue;
      const f = decodeVlq(segment);
      genCol += f[0] ?? 0;
      if (f.length < 4) continue;
      srcLine += f[2] ?? 0;
      srcCol += f[3] ?? 0;
      if (l === line && srcLine === line && genCol <= column - 1) best = srcCol + (column - 1 - genCol) + 1;
    }
  }
  return best;
}

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** The error's header and its frames in the role file (learner lines), at most `max` frames. */
export function shortStack(err: unknown, file: string, max = 6): string | undefined {
  const stack = stackOf(err);
  if (!stack) return undefined;
  const offset = roleLineOffset();
  const out: string[] = [];
  let frames = 0;
  for (const text of stack.split('\n')) {
    const hit = matchFrame(text, file);
    if (hit) {
      if (frames++ >= max) break;
      const line = hit.line - offset;
      const column = learnerColumn(file, line, hit.column) ?? hit.column;
      const tail = text.slice(hit.at + file.length + 1).replace(/^\d+:\d+/, `${line}:${column}`);
      out.push(text.slice(0, hit.at + file.length + 1) + tail);
    } else if (frames === 0 && !/^\s+at |@/.test(text)) {
      out.push(text); // the header ("Error: boom"), possibly several lines
    }
  }
  return out.join('\n');
}
