/**
 * Type-check files held in memory (path -> text) as the editor does: ES2022 lib, no DOM, strict, no
 * `@types`. Files not in the map are read from disk (TypeScript's own libs). Returns the diagnostics.
 */
import ts from 'typescript';

export function typeCheckFiles(
  files: Map<string, string>,
  extra: ts.CompilerOptions = {},
): readonly ts.Diagnostic[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    types: [],
    lib: ['lib.es2022.d.ts'],
    ...extra,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => files.get(f) ?? readFile(f);
  host.fileExists = (f) => files.has(f) || ts.sys.fileExists(f);
  // Monaco's host has no directoryExists (TypeScript then assumes yes); ours knows the virtual folders.
  host.directoryExists = (d) =>
    [...files.keys()].some((f) => f.startsWith(`${d}/`)) || ts.sys.directoryExists(d);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, v) => {
    const text = files.get(f);
    return text !== undefined ? ts.createSourceFile(f, text, v) : getSourceFile(f, v);
  };
  return ts.getPreEmitDiagnostics(ts.createProgram([...files.keys()], options, host));
}
