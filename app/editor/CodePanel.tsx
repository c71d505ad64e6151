import { lazy, Suspense, useState } from 'react';
import type { LoadError } from '../../workers/kernel/protocol';
import type { LessonEntry } from '../catalog/types';
import type { LessonCode } from '../lesson/useLessonCode';
import { rerunKeys } from '../lesson/RunControls';

// Monaco and its TypeScript worker are megabytes: fetched the first time a code panel shows, never before.
const CodeEditor = lazy(() => import('./CodeEditor'));

interface Props {
  lesson: LessonEntry;
  code: LessonCode;
  errors: LoadError[];
  theme: 'light' | 'dark';
  onRerun(): void;
}

/**
 * The file the exercise asks the learner to change: the first editable role with a solution of this
 * exercise's own (for a step with its own exercise, the step's file), else the first editable role.
 */
export function exerciseFile(lesson: LessonEntry): string {
  const editable = lesson.roles.filter((r) => r.editable);
  return (editable.find((r) => r.hasSolution) ?? editable[0] ?? lesson.roles[0])?.role ?? '';
}

/** One tab per role, the editor, and the compile errors that block the run. */
export function CodePanel({ lesson, code, errors, theme, onRerun }: Props) {
  const [active, setActive] = useState(() => exerciseFile(lesson));
  const activeRole = lesson.roles.find((r) => r.role === active);
  const edited = (role: string) =>
    code.sources?.[role] !== undefined && code.sources[role] !== code.starters?.[role];

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
                edited(role) && <span className="edited-dot" title="Edited (saved in this browser)" />
              )}
            </button>
          );
        })}
        <div className="tab-bar-spacer" />
        {activeRole?.editable !== false && edited(active) && (
          <button
            type="button"
            className="button ghost small"
            onClick={() => code.reset(active)}
            data-testid="reset-role"
          >
            Reset to starter
          </button>
        )}
      </div>
      {activeRole?.description && <p className="role-description">{activeRole.description}</p>}
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
            Fix the code, then run again ({rerunKeys}). Nothing you typed is lost.
          </li>
        </ul>
      ) : (
        <p className="code-footer">
          Edits are saved in this browser. <kbd>{rerunKeys}</kbd> recompiles and reruns with the same seed.
        </p>
      )}
    </section>
  );
}
