import { lazy, Suspense, useState } from 'react';
import type { LoadError } from '../../workers/kernel/protocol';
import type { LessonEntry } from '../catalog/types';
import type { LessonCode } from '../lesson/useLessonCode';
import { rerunKeys } from '../lesson/RunControls';
import { CodeNotices, type LastReset } from './CodeNotices';
import { HistoryMenu } from './HistoryMenu';
import { SaveStatus } from './SaveStatus';

// Monaco and its TypeScript worker are megabytes: fetched the first time a code panel shows, never before.
const CodeEditor = lazy(() => import('./CodeEditor'));

interface Props {
  lesson: LessonEntry;
  code: LessonCode;
  errors: LoadError[];
  theme: 'light' | 'dark';
  onRerun(): void;
}

/** One tab per role, the editor, and the compile errors that block the run. */
export function CodePanel({ lesson, code, errors, theme, onRerun }: Props) {
  const [active, setActive] = useState(
    () => lesson.roles.find((r) => r.editable)?.role ?? lesson.roles[0]?.role ?? '',
  );
  const activeRole = lesson.roles.find((r) => r.role === active);
  const edited = (role: string) =>
    code.sources?.[role] !== undefined && code.sources[role] !== code.starters?.[role];
  const [lastReset, setLastReset] = useState<LastReset>();
  const { files, store } = code;

  // Reset is trivially undoable: the code before it is written to History first (or nothing is reset), the
  // editor's undo brings it back too, and the notice has an "Undo reset" button.
  const reset = async (role: string) => {
    const before = code.sources?.[role];
    const done = await code.reset(role);
    const kept = store
      ?.getSnapshot()
      .history[role]?.find((v) => v.reason === 'before-reset' && v.source === before);
    setLastReset(done ? { role, kept } : { role, kept: undefined, refused: true });
  };

  return (
    <section className="code-pane" aria-label="Code">
      <div className="tab-bar code-tabs" role="tablist">
        {lesson.roles.map(({ role, file }) => {
          const roleErrors = errors.filter((e) => e.role === role).length;
          return (
            <button
              key={role}
              type="button"
              role="tab"
              className="tab"
              aria-selected={role === active}
              onClick={() => setActive(role)}
              title={file}
              data-testid={`role-tab-${role}`}
            >
              <span
                className="role-swatch"
                style={{ background: `var(--role-${lesson.roles.findIndex((r) => r.role === role) % 8})` }}
              />
              {role}.ts
              {roleErrors > 0 ? (
                <span className="tab-count danger">{roleErrors}</span>
              ) : (
                edited(role) && <span className="edited-dot" title="Edited" />
              )}
            </button>
          );
        })}
        <div className="tab-bar-spacer" />
        {activeRole?.editable !== false && edited(active) && (
          <button
            type="button"
            className="button ghost small"
            onClick={() => void reset(active)}
            data-testid="reset-role"
            title="Put the starter code back; yours is kept in History"
          >
            Reset to starter
          </button>
        )}
        {files && activeRole?.editable !== false && (
          <HistoryMenu
            file={`${active}.ts`}
            versions={files.history[active] ?? []}
            current={files.sources[active] ?? ''}
            starter={files.starters[active] ?? ''}
            onBringBack={(version) => void code.restore(active, version)}
            onStarter={() => void reset(active)}
          />
        )}
      </div>
      {activeRole?.description && <p className="role-description">{activeRole.description}</p>}
      {files && store && (
        <CodeNotices
          files={files}
          store={store}
          lastReset={lastReset}
          onUndoReset={() => {
            if (lastReset?.kept) void code.restore(lastReset.role, lastReset.kept);
            setLastReset(undefined);
          }}
          onDismissReset={() => setLastReset(undefined)}
        />
      )}
      <div className="code-body">
        {code.sources ? (
          <Suspense fallback={<div className="editor-loading">Loading the editor…</div>}>
            <CodeEditor
              lessonFolder={lesson.folder}
              roles={lesson.roles}
              active={active}
              sources={code.sources}
              errors={errors}
              theme={theme}
              onChange={code.setSource}
              onRerun={onRerun}
            />
          </Suspense>
        ) : (
          <div className="editor-loading">Loading the code…</div>
        )}
      </div>
      {errors.length > 0 ? (
        <ul className="problems" data-testid="compile-errors" aria-live="polite">
          {errors.map((e, i) => (
            <li key={i}>
              <button type="button" onClick={() => setActive(e.role)}>
                <span className="problem-where">
                  {e.file}:{e.line}
                  {e.column !== undefined ? `:${e.column}` : ''}
                </span>
                {e.message}
              </button>
            </li>
          ))}
          <li className="problem-hint">
            Fix the code, then run again ({rerunKeys}). <SaveStatus save={files?.save} />
          </li>
        </ul>
      ) : (
        <p className="code-footer">
          <SaveStatus save={files?.save} /> <kbd>{rerunKeys}</kbd> recompiles and reruns with the same seed.
        </p>
      )}
    </section>
  );
}
