/**
 * Emits the learner-facing node API as one self-contained declaration file, `public/node-api.d.ts`:
 * `declare module '@playground/node' { ... }` holding workers/runtime/node-api.ts and every protocol type it
 * uses, TSDoc kept (it is the editor's hover help). Fails loudly if the result does not type-check.
 *
 *   npx tsx scripts/build-node-api-dts.ts [--out public/node-api.d.ts]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { typeCheckFiles } from './lib/type-check-files';

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

/** The file must stand alone: a role written against it has to type-check. */
function verify(dts: string): void {
  const files = new Map([
    ['/node-api.d.ts', dts],
    [
      '/role.ts',
      `import type { Node, Role } from '${moduleName}';\n` +
        `const role: Role = (node: Node) => { node.on('echo', (m) => { node.reply(m, { text: String(m.body.text) }); }); };\nexport default role;\n`,
    ],
  ]);
  const errors = typeCheckFiles(files);
  if (errors.length)
    throw new Error(`generated ${out} does not type-check:\n${ts.formatDiagnostics(errors, formatHost)}`);
}

const dts = build();
verify(dts);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, dts);
console.log(`wrote ${out} (${dts.length} chars)`);
