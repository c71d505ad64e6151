/**
 * Vet a role's imports before it runs: role code may name the node API (for its types) and the libraries of
 * role-libraries.ts (xstate), nothing else.
 * Works on sucrase's own tokens (its public `getFormattedTokens`), so strings and comments never match.
 */
import { getFormattedTokens } from 'sucrase';
// The only module role code may name, and only for types (it is the node API's `.d.ts`).
import { NODE_API_MODULE } from './role-module';
import { LIBRARY_MODULES } from './role-libraries';

export { NODE_API_MODULE, LIBRARY_MODULES };

export interface ForbiddenImport {
  specifier: string;
  line: number;
  column: number;
}

interface Tok {
  label: string;
  line: number;
  column: number;
  text: string;
}

/** Find the first import, `export ... from`, `require(...)` or `import(...)` of anything but those modules. */
export function findForbiddenImport(source: string): ForbiddenImport | undefined {
  const toks = tokenize(source);
  const at = (i: number): Tok | undefined => toks[i];
  const specifierFrom = (i: number): Tok | undefined => {
    // The module specifier is the first string token of the statement.
    for (let j = i; j < toks.length; j++) {
      const t = toks[j];
      if (!t || t.label === ';' || (j > i && (t.label === 'import' || t.label === 'export')))
        return undefined;
      if (t.label === 'string') return t;
    }
    return undefined;
  };
  const verdict = (start: Tok, spec: Tok | undefined): ForbiddenImport | undefined => {
    const name = spec ? spec.text.slice(1, -1) : '<expression>';
    return name === NODE_API_MODULE || LIBRARY_MODULES.includes(name)
      ? undefined
      : { specifier: name, line: start.line, column: start.column };
  };

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!t) continue;
    const next = at(i + 1);
    const prev = at(i - 1);
    if (t.label === 'import') {
      if (next?.label === '.') continue; // import.meta: not a module load
      const found = verdict(t, next?.label === '(' ? stringAt(at(i + 2)) : specifierFrom(i + 1));
      if (found) return found;
    } else if (t.label === 'export') {
      // Only re-exports name a module: `export * from 'x'`, `export { a } from 'x'`.
      const from = findFromClause(toks, i + 1);
      if (from !== undefined) {
        const found = verdict(t, stringAt(at(from + 1)));
        if (found) return found;
      }
    } else if (t.label === 'name' && t.text === 'require' && next?.label === '(' && prev?.label !== '.') {
      const found = verdict(t, stringAt(at(i + 2)));
      if (found) return found;
    }
  }
  return undefined;
}

function stringAt(t: Tok | undefined): Tok | undefined {
  return t?.label === 'string' ? t : undefined;
}

/** Index of `from` in `export [type] * [as x] from` / `export [type] { ... } from`, if this export has one. */
function findFromClause(toks: Tok[], i: number): number | undefined {
  let j = i;
  if (toks[j]?.label === 'name' && toks[j]?.text === 'type') j++;
  const first = toks[j];
  if (first?.label === '*') {
    for (; j < toks.length && toks[j]?.label !== ';'; j++) {
      if (toks[j]?.label === 'name' && toks[j]?.text === 'from') return j;
    }
    return undefined;
  }
  if (first?.label !== '{') return undefined;
  let depth = 0;
  for (; j < toks.length; j++) {
    const l = toks[j]?.label;
    if (l === '{') depth++;
    else if (l === '}' && --depth === 0) break;
  }
  const after = toks[j + 1];
  return after?.label === 'name' && after.text === 'from' ? j + 1 : undefined;
}

/** Parse sucrase's token table: `L:C-L:C  label  raw ...`, one token a row (raw may wrap: those rows skip). */
function tokenize(source: string): Tok[] {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offset = (line: number, column: number): number => (lineStarts[line - 1] ?? 0) + column - 1;
  const toks: Tok[] = [];
  const row = /^(\d+):(\d+)-(\d+):(\d+) +(\S+)/;
  for (const text of getFormattedTokens(source, { transforms: ['typescript', 'imports'] }).split('\n')) {
    const m = row.exec(text);
    if (!m) continue;
    const [line, column, endLine, endColumn] = [m[1], m[2], m[3], m[4]].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    toks.push({
      label: m[5] ?? '',
      line,
      column,
      text: source.slice(offset(line, column), offset(endLine, endColumn)),
    });
  }
  return toks;
}
