/**
 * The Monaco editor for a lesson's roles: one model per role (so undo history and IntelliSense survive tab
 * switches), compile errors as markers, Ctrl/Cmd+Enter to rerun. Loaded lazily with Monaco itself.
 */
import { useEffect, useRef, useState } from 'react';
import type * as MonacoApi from 'monaco-editor';
import type { LoadError } from '../../workers/kernel/protocol';
import type { LessonRole } from '../catalog/types';
import { registerEditorForTests } from '../test-api';
import { applyEditorTheme, setupMonaco, type Monaco } from './monacoSetup';

export interface CodeEditorProps {
  lessonFolder: string;
  roles: LessonRole[];
  active: string;
  sources: Record<string, string>;
  errors: LoadError[];
  theme: 'light' | 'dark';
  onChange(role: string, source: string): void;
  onRerun(): void;
  /** Show this role's code against a solution, as a diff, over the editor. */
  diff?: { role: string; solution: string } | undefined;
}

const MARKER_OWNER = 'playground-compile';

export default function CodeEditor(props: CodeEditorProps) {
  const { lessonFolder, roles, active, sources, errors, theme } = props;
  const host = useRef<HTMLDivElement>(null);
  const diffHost = useRef<HTMLDivElement>(null);
  const [monaco, setMonaco] = useState<Monaco>();
  const [editor, setEditor] = useState<MonacoApi.editor.IStandaloneCodeEditor>();
  const models = useRef(new Map<string, MonacoApi.editor.ITextModel>());
  const viewStates = useRef(new Map<string, MonacoApi.editor.ICodeEditorViewState | null>());
  // Handlers change every render; Monaco's listeners are registered once and read the latest.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    let live = true;
    void setupMonaco().then((m) => live && setMonaco(m));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!monaco || !host.current) return;
    const created = monaco.editor.create(host.current, {
      automaticLayout: true,
      fontSize: 13,
      lineHeight: 20,
      fontFamily: "ui-monospace, 'SF Mono', 'Cascadia Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
      minimap: { enabled: false },
      // Side panes are narrow: wrap rather than hide the end of a line.
      wordWrap: 'on',
      wrappingIndent: 'indent',
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      tabSize: 2,
      padding: { top: 12, bottom: 12 },
      fixedOverflowWidgets: true,
      overviewRulerBorder: false,
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
    });
    created.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRerun());
    const owned = models.current;
    setEditor(created);
    const unregister = registerEditorForTests(
      () =>
        monaco.editor.getModelMarkers({}).map((m) => ({
          file: m.resource.path,
          line: m.startLineNumber,
          message: m.message,
          severity: m.severity === monaco.MarkerSeverity.Error ? 'error' : 'other',
        })),
      () => Object.fromEntries([...owned].map(([role, model]) => [role, model.getValue()])),
    );
    return () => {
      unregister();
      created.dispose();
      for (const model of owned.values()) model.dispose();
      owned.clear();
    };
  }, [monaco]);

  // One model per role; external changes (reset, History, another tab) flow in as undoable edits.
  useEffect(() => {
    if (!monaco) return;
    for (const { role, file } of roles) {
      const source = sources[role] ?? '';
      let model = models.current.get(role);
      if (!model) {
        model = monaco.editor.createModel(
          source,
          'typescript',
          monaco.Uri.parse(`file:///lessons/${lessonFolder}/${file}`),
        );
        model.onDidChangeContent(() => latest.current.onChange(role, model?.getValue() ?? ''));
        models.current.set(role, model);
      } else if (model.getValue() !== source) {
        // An edit, not setValue: Reset, a solution, a version from History or a share link's code is one undo step
        // (Ctrl/Cmd+Z brings back what was there), on top of History keeping it across a reload.
        model.pushStackElement();
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: source }], () => null);
        model.pushStackElement();
      }
    }
  }, [monaco, roles, sources, lessonFolder]);

  useEffect(() => {
    const model = models.current.get(active);
    if (!editor || !model || editor.getModel() === model) return;
    const previous = editor.getModel();
    const previousRole = [...models.current].find(([, m]) => m === previous)?.[0];
    if (previousRole) viewStates.current.set(previousRole, editor.saveViewState());
    editor.setModel(model);
    const saved = viewStates.current.get(active);
    if (saved) editor.restoreViewState(saved);
    editor.updateOptions({ readOnly: roles.find((r) => r.role === active)?.editable === false });
  }, [editor, active, roles, sources]);

  useEffect(() => {
    if (!monaco) return;
    for (const [role, model] of models.current) {
      const mine = errors.filter((e) => e.role === role);
      monaco.editor.setModelMarkers(
        model,
        MARKER_OWNER,
        mine.map((e) => ({
          severity: monaco.MarkerSeverity.Error,
          message: e.message,
          startLineNumber: e.line,
          startColumn: e.column ?? 1,
          endLineNumber: e.line,
          endColumn: e.column !== undefined ? e.column + 1 : model.getLineMaxColumn(e.line),
        })),
      );
    }
    const first = errors.find((e) => e.role === active);
    if (first && editor) editor.revealLineInCenterIfOutsideViewport(first.line);
  }, [monaco, editor, errors, active]);

  useEffect(() => {
    if (monaco) applyEditorTheme(monaco, theme);
  }, [monaco, theme]);

  // The solution as a diff: the learner's code on the left (or above, when the pane is narrow), read-only.
  const diff = props.diff;
  const diffSource = diff ? sources[diff.role] : undefined;
  useEffect(() => {
    if (!monaco || !diff || diffSource === undefined || !diffHost.current) return;
    const file = roles.find((r) => r.role === diff.role)?.file ?? diff.role;
    const original = monaco.editor.createModel(
      diffSource,
      'typescript',
      monaco.Uri.parse(`inmemory://yours/${file}`),
    );
    const modified = monaco.editor.createModel(
      diff.solution,
      'typescript',
      monaco.Uri.parse(`inmemory://solution/${file}`),
    );
    const view = monaco.editor.createDiffEditor(diffHost.current, {
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: false,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 20,
      scrollBeyondLastLine: false,
      wordWrap: 'on',
    });
    view.setModel({ original, modified });
    return () => {
      view.dispose();
      original.dispose();
      modified.dispose();
    };
  }, [monaco, diff, diffSource, roles]);

  return (
    <div className="code-editor" data-testid="code-editor">
      {/* Monaco owns these elements' children; React never renders into them. */}
      <div className="code-editor-host" ref={host} hidden={diff !== undefined} />
      {diff && <div className="code-editor-host" ref={diffHost} data-testid="solution-diff" />}
      {!editor && <div className="editor-loading">Loading the editor…</div>}
    </div>
  );
}
