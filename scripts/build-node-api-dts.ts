/**
 * Emits the learner-facing node API as one self-contained declaration file, `public/node-api.d.ts`:
 * `declare module '@playground/node' { ... }` holding workers/runtime/node-api.ts and every protocol type it
 * uses, TSDoc kept (it is the editor's hover help). Fails loudly if the result does not type-check.
 * Beside it, `public/xstate-types.json`: XState's typings (scripts/lib/xstate-types.ts), the one library
 * role code may import (workers/runtime/role-libraries.ts); a role using both must type-check too.
 *
 *   npx tsx scripts/build-node-api-dts.ts [--out public/node-api.d.ts]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { typeCheckFiles } from './lib/type-check-files';
import { xstateTypeFiles } from './lib/xstate-types';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = resolve(root, 'workers/runtime/node-api.ts');
const outArg = process.argv.indexOf('--out');
const out = resolve(root, outArg >= 0 ? (process.argv[outArg + 1] ?? '') : 'public/node-api.d.ts');
const moduleName = '@playground/node';

/** Declaration emit of the entry and everything it imports, in memory, keyed by source file path. */
function emitDeclarations(): Map<string, string> {
  const options: ts.CompilerOptions = {
    declaration: true,
    emitDeclarationOnly: true,
    removeComments: false,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: [],
  };
  const program = ts.createProgram([entry], options);
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new Error(ts.formatDiagnostics(errors, formatHost));
  const emitted = new Map<string, string>();
  program.emit(undefined, (fileName, text) =>
    emitted.set(resolve(fileName).replace(/\.d\.ts$/, '.ts'), text),
  );
  return emitted;
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};

/** Top-level declarations of a .d.ts by name, with their leading TSDoc. */
function declarationsOf(text: string): { name: string; text: string; node: ts.Statement }[] {
  const file = ts.createSourceFile('x.d.ts', text, ts.ScriptTarget.ES2022, true);
  const found: { name: string; text: string; node: ts.Statement }[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) continue;
    const name = (statement as ts.DeclarationStatement).name;
    if (!name || !ts.isIdentifier(name)) continue;
    // Keep only the TSDoc right above the declaration; a file's header comment is not part of it.
    const comments = ts.getLeadingCommentRanges(text, statement.pos) ?? [];
    const doc = comments.filter((c) => text.startsWith('/**', c.pos)).at(-1);
    const docText = doc ? `${text.slice(doc.pos, doc.end)}\n` : '';
    found.push({ name: name.text, text: docText + statement.getText(file), node: statement });
  }
  return found;
}

/** Names a declaration refers to, so we can pull in exactly the protocol types the API needs. */
function referencedNames(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName)) names.add(n.typeName.text);
    if (ts.isExpressionWithTypeArguments(n) && ts.isIdentifier(n.expression)) names.add(n.expression.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return names;
}

function importedNames(text: string): Map<string, string[]> {
  const file = ts.createSourceFile('x.d.ts', text, ts.ScriptTarget.ES2022, true);
  const bySpecifier = new Map<string, string[]>();
  for (const s of file.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    const bindings = s.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    bySpecifier.set(
      s.moduleSpecifier.text,
      bindings.elements.map((e) => e.name.text),
    );
  }
  return bySpecifier;
}

/** Inside `declare module`, `export declare x` is an error (already ambient): drop the `declare`. */
const unambient = (text: string) =>
  text.replace(/^(\s*)export declare /gm, '$1export ').replace(/^(\s*)declare /gm, '$1');

function build(): string {
  const emitted = emitDeclarations();
  const api = emitted.get(entry);
  if (!api) throw new Error(`no declarations emitted for ${entry}`);
  const parts: string[] = [];
  for (const [specifier, names] of importedNames(api)) {
    const from = resolve(dirname(entry), specifier.endsWith('.ts') ? specifier : `${specifier}.ts`);
    const text = emitted.get(from);
    if (!text) throw new Error(`node-api.ts imports ${specifier}, which emitted no declarations`);
    const decls = declarationsOf(text);
    const wanted = new Set(names);
    // Close over what the wanted declarations mention (Message needs MessageId, Json, TraceContext...).
    for (let grew = true; grew;) {
      grew = false;
      for (const d of decls)
        if (wanted.has(d.name))
          for (const ref of referencedNames(d.node))
            if (decls.some((x) => x.name === ref) && !wanted.has(ref)) {
              wanted.add(ref);
              grew = true;
            }
    }
    for (const d of decls) if (wanted.has(d.name)) parts.push(d.text);
  }
  for (const d of declarationsOf(api)) parts.push(d.text);
  const body = unambient(parts.join('\n\n'))
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');
  return [
    '// Generated by scripts/build-node-api-dts.ts from workers/runtime/node-api.ts. Do not edit.',
    `declare module '${moduleName}' {`,
    body,
    '}',
    '',
  ].join('\n');
}

/** The files must stand alone: a role written against them has to type-check, resolved as Monaco does. */
function verify(dts: string, xstate: Record<string, string>): void {
  const files = new Map([
    ['/node-api.d.ts', dts],
    ...Object.entries(xstate).map(([path, text]) => [`/${path}`, text] as const),
    [
      '/role.ts',
      `import type { Node, Role } from '${moduleName}';\n` +
        `import { createActor, setup } from 'xstate';\n` +
        `const machine = setup({}).createMachine({ initial: 'a', states: { a: { after: { 10: 'b' } }, b: {} } });\n` +
        `const role: Role = (node: Node) => { const actor = createActor(machine, { clock: { setTimeout: (fn, ms) => node.setTimer(ms, fn), clearTimeout: (t) => (t as { cancel(): void }).cancel() } }).start(); node.state.s = String(actor.getSnapshot().value); node.on('echo', (m) => { node.reply(m, { text: String(m.body.text) }); }); };\nexport default role;\n`,
    ],
  ]);
  const errors = typeCheckFiles(files, {
    module: ts.ModuleKind.ESNext,
    // Monaco's setting (app/editor/monacoSetup.ts).
    moduleResolution: ts.ModuleResolutionKind.Node10,
  });
  if (errors.length)
    throw new Error(`generated ${out} does not type-check:\n${ts.formatDiagnostics(errors, formatHost)}`);
}

const dts = build();
const xstate = xstateTypeFiles();
verify(dts, xstate);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, dts);
const xstateOut = resolve(dirname(out), 'xstate-types.json');
writeFileSync(xstateOut, JSON.stringify(xstate));
console.log(`wrote ${out} (${dts.length} chars) and ${xstateOut} (${Object.keys(xstate).length} files)`);
