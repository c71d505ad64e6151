/**
 * Monaco, configured once: its workers bundled by Vite (never from a CDN), TypeScript set up for role code
 * (ES2022, no DOM: role code runs in a Worker with the node API only), the node API's .d.ts as module
 * '@playground/node', XState's typings (the one library role code may import, workers/runtime/role-libraries.ts)
 * under file:///node_modules/xstate/, and themes drawn from the page's palette. Only the lazily loaded editor imports this.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { learnerGlobals } from './learnerGlobals';

export type Monaco = typeof monaco;

let ready: Promise<Monaco> | undefined;

export function setupMonaco(): Promise<Monaco> {
  ready ??= configure();
  return ready;
}

async function configure(): Promise<Monaco> {
  self.MonacoEnvironment = {
    getWorker: (_id: string, label: string) =>
      label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker(),
  };
  const ts = monaco.typescript;
  ts.typescriptDefaults.setCompilerOptions({
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    lib: ['es2022'],
    strict: true,
    noEmit: true,
    allowNonTsExtensions: true,
    isolatedModules: true,
  });
  ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  ts.typescriptDefaults.setEagerModelSync(true);
  ts.typescriptDefaults.addExtraLib(learnerGlobals, 'file:///playground/globals.d.ts');
  try {
    const response = await fetch(new URL('node-api.d.ts', document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    ts.typescriptDefaults.addExtraLib(await response.text(), 'file:///playground/node-api.d.ts');
  } catch (error) {
    // The editor still works, just without IntelliSense for the node API.
    console.warn('node-api.d.ts could not be loaded (run scripts/build-node-api-dts.ts):', error);
  }
  try {
    // path -> text, written beside node-api.d.ts by scripts/build-node-api-dts.ts (scripts/lib/xstate-types.ts).
    const response = await fetch(new URL('xstate-types.json', document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const files = (await response.json()) as Record<string, string>;
    for (const [path, text] of Object.entries(files))
      ts.typescriptDefaults.addExtraLib(text, `file:///${path}`);
  } catch (error) {
    console.warn('xstate-types.json could not be loaded (run scripts/build-node-api-dts.ts):', error);
  }
  return monaco;
}

/** Monaco accepts only #rrggbb; the palette may say `#fff` or `rgb(...)`. A canvas normalises any colour. */
function toHex(colour: string): string {
  if (!colour) return '';
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return '';
  context.fillStyle = colour;
  const normal = context.fillStyle;
  return /^#[0-9a-f]{6}$/i.test(normal) ? normal : '';
}

/** Monaco themes matching the app's palette (read from the CSS custom properties). */
export function applyEditorTheme(m: Monaco, scheme: 'light' | 'dark'): void {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => toHex(css.getPropertyValue(name).trim());
  const name = `playground-${scheme}`;
  m.editor.defineTheme(name, {
    base: scheme === 'dark' ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': v('--panel') || (scheme === 'dark' ? '#171a20' : '#ffffff'),
      'editorGutter.background': v('--panel') || (scheme === 'dark' ? '#171a20' : '#ffffff'),
      'editorLineNumber.foreground': v('--muted') || '#888888',
      'editor.lineHighlightBackground': v('--panel-2') || '#00000000',
    },
  });
  m.editor.setTheme(name);
}
