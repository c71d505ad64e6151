import { lazy, Suspense, useEffect, useState } from 'react';
import { loadRoleSources } from '../catalog/catalog';
import { HELP_BUTTONS } from '../ui/labels';
import type { LoadError } from '../../workers/kernel/protocol';
import type { RunnableExercise } from '../catalog/types';
import type { LessonCode } from '../lesson/useLessonCode';
import { rerunKeys } from '../lesson/RunControls';
import { CodeNotices, type LastReplace } from './CodeNotices';
import { HistoryMenu } from './HistoryMenu';
import { SaveStatus } from './SaveStatus';

// Monaco and its TypeScript worker are megabytes: fetched the first time a code panel shows, never before.
const CodeEditor = lazy(() => import('./CodeEditor'));

interface Props {
  lesson: RunnableExercise;
  code: LessonCode;
  errors: LoadError[];
  theme: 'light' | 'dark';
  onRerun(): void;
  /** The learner asked to see the solution (from the hints): show it as a diff against their code. */
  solutionOpen: boolean;
  onCloseSolution(): void;
}

/**
 * The file the exercise asks the learner to change: the first editable role with a solution of this
 * exercise's own (for a step with its own exercise, the step's file), else the first editable role.
 */
export function exerciseFile(lesson: Pick<RunnableExercise, 'roles'>): string {
  const editable = lesson.roles.filter((r) => r.editable);
  return (editable.find((r) => r.hasSolution) ?? editable[0] ?? lesson.roles[0])?.role ?? '';
}

/** One tab per role, the editor, and the compile errors that block the run. */
export function CodePanel({ lesson, code, errors, theme, onRerun, solutionOpen, onCloseSolution }: Props) {
  const [active, setActive] = useState(() => exerciseFile(lesson));
  // A sandbox's roles change under the panel: a tab whose role went away falls back to the first.
  if (lesson.roles.length > 0 && !lesson.roles.some((r) => r.role === active))
    setActive(exerciseFile(lesson));
  const [solutions, setSolutions] = useState<Record<string, string>>();
  const solutionRoles = lesson.roles.filter((r) => r.hasSolution && r.editable).map((r) => r.role);
  const diffRole = solutionRoles.includes(active) ? active : solutionRoles[0];

  useEffect(() => {
    if (!solutionOpen || solutions) return;
    let live = true;
    void loadRoleSources(lesson, 'solution').then((roles) => {
      if (live) setSolutions(Object.fromEntries(roles.map((r) => [r.role, r.source])));
    });
    return () => {
      live = false;
    };
  }, [solutionOpen, solutions, lesson]);

  // Opening the solution shows it for the exercise's file when the open tab has none (adjusted while
  // rendering, as React advises for state that follows a prop).
  const [wasOpen, setWasOpen] = useState(solutionOpen);
  if (wasOpen !== solutionOpen) {
    setWasOpen(solutionOpen);
    if (solutionOpen && diffRole !== undefined) setActive(diffRole);
  }

  const diff =
    solutionOpen && diffRole !== undefined && solutions?.[diffRole] !== undefined
      ? { role: diffRole, solution: solutions[diffRole] }
      : undefined;

  const activeRole = lesson.roles.find((r) => r.role === active);
  const edited = (role: string) =>
    code.sources?.[role] !== undefined && code.sources[role] !== code.starters?.[role];
  const [lastReplace, setLastReplace] = useState<LastReplace>();
  const { files, store } = code;

  // Reset and an applied solution are undoable, across a reload too: the code before is written to History
  // first (or nothing is replaced), the change is one editor undo step, and the notice has an Undo button.
  const replace = async (what: LastReplace['what'], role: string, source: string) => {
    const before = code.sources?.[role];
    const reason = what === 'reset' ? 'before-reset' : 'before-solution';
    const done = await code.replaceWith(role, source, reason);
    const kept = store?.getSnapshot().history[role]?.find((v) => v.reason === reason && v.source === before);
    setLastReplace(done ? { role, what, kept } : { role, what, kept: undefined, refused: true });
  };
  const reset = (role: string) => replace('reset', role, code.starters?.[role] ?? '');
  const apply = () => {
    if (!diff) return;
    onCloseSolution();
    void replace('solution', diff.role, diff.solution);
  };
  const undo = () => {
    const last = lastReplace;
    setLastReplace(undefined);
    if (!last) return;
    if (last.kept) void code.restore(last.role, last.kept);
    else void code.replaceWith(last.role, code.starters?.[last.role] ?? '', 'before-restore');
  };

  return (
    <section className="code-pane" aria-label="Code">
      <div className="tab-bar code-tabs">
        {/* Only the tabs in the tablist: Reset and History beside it are buttons, not tabs. */}
        <div className="code-tab-list" role="tablist" aria-label="Files">
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
        </div>
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
      {activeRole?.description && !diff && <p className="role-description">{activeRole.description}</p>}
      {solutionOpen && (
        <div className="solution-bar" role="region" aria-label="Solution" data-testid="solution-bar">
          <p>
            {diff
              ? `The solution for ${activeRole?.file ?? diff.role}, against your code: red goes, green comes. Nothing changes until you apply it.`
              : 'Loading the solution…'}
          </p>
          <div>
            <button
              type="button"
              className="button primary small"
              onClick={apply}
              disabled={!diff}
              data-testid="apply-solution"
            >
              {HELP_BUTTONS.applySolution}
            </button>
            <button type="button" className="button ghost small" onClick={onCloseSolution}>
              Close
            </button>
          </div>
        </div>
      )}
      {files && store && (
        <CodeNotices
          files={files}
          store={store}
          lastReplace={lastReplace}
          onUndo={undo}
          onDismissReplace={() => setLastReplace(undefined)}
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
              diff={diff}
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
