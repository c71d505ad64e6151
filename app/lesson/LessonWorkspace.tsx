/**
 * The lesson page: prose on the left, the running system in the middle (the hero), the code on the right.
 * It wires the pieces together; the rules live in the run and progress machines.
 */
import { useCallback, useEffect, useMemo } from 'react';
import { getCatalog } from '../catalog/catalog';
import { exerciseAt, type LessonEntry } from '../catalog/types';
import { CodePanel } from '../editor/CodePanel';
import { routeHref } from '../router/route';
import { TopBar } from '../shell/TopBar';
import { registerRunForTests } from '../test-api';
import { useTheme } from '../theme/useTheme';
import { LessonProse } from './LessonProse';
import { ResizeHandle, usePaneSize } from './ResizeHandle';
import { runStatus } from './runState';
import { Stage } from './Stage';
import { useLessonCode } from './useLessonCode';
import { useLessonProgress } from './useLessonProgress';
import { useLessonRun } from './useLessonRun';
import { useRunShortcuts } from './useRunShortcuts';
import '../styles/views.css';
import '../styles/spacetime.css';
import '../styles/lessonLayout.css';
import '../styles/prose.css';
import '../styles/stage.css';
import '../styles/panels.css';
import '../styles/faultMenu.css';
import '../styles/checks.css';

const clampTo = (v: number, min: number, max: number) => Math.round(Math.min(max, Math.max(min, v)));

export function LessonWorkspace({ lesson, urlStep }: { lesson: LessonEntry; urlStep: number }) {
  const { chapters } = getCatalog();
  const chapter = chapters.find((c) => c.id === lesson.chapterId);
  const progress = useLessonProgress(lesson, urlStep);
  // The code, the run and the checks are those of the current step's exercise: its own, or the lesson's.
  const exercise = exerciseAt(lesson, progress.step);
  const code = useLessonCode(exercise);
  const run = useLessonRun(exercise, code.sources);
  const { resolved: theme } = useTheme();
  // The graph is the hero: the side columns take what they need and the middle gets the rest.
  const [proseWidth, setProseWidth] = usePaneSize(
    'prose',
    () => clampTo(window.innerWidth * 0.23, 280, 400),
    240,
    560,
  );
  const [codeWidth, setCodeWidth] = usePaneSize(
    'code',
    () => clampTo(window.innerWidth * 0.33, 360, 640),
    300,
    900,
  );

  const finished = run.state.matches('finished');
  useEffect(() => {
    if (finished) progress.actor.send({ type: 'RUN_FINISHED' });
  }, [finished, progress.actor]);

  useRunShortcuts(run.commands);

  const { session, playback, state, seed } = run;
  useEffect(
    () =>
      registerRunForTests({
        lessonId: lesson.id,
        status: () => runStatus(state),
        cursor: () => playback.t,
        reachedMs: () => session.reachedMs,
        seed: () => seed,
        trace: () => session.events,
        nodes: () => session.nodes,
        traceHash: () => session.traceHash(),
      }),
    [lesson.id, session, playback, state, seed],
  );

  const nextLesson = useMemo(() => {
    const all = chapters.flatMap((c) => c.lessons);
    const next = all[all.findIndex((l) => l.id === lesson.id) + 1];
    return next && { title: next.title, href: routeHref({ page: 'lesson', lessonId: next.id, step: 1 }) };
  }, [chapters, lesson.id]);

  const send = progress.actor.send;
  const onNext = useCallback(() => send({ type: 'NEXT' }), [send]);
  const onPrevious = useCallback(() => send({ type: 'PREVIOUS' }), [send]);
  const onGoTo = useCallback((step: number) => send({ type: 'GO_TO_STEP', step }), [send]);

  return (
    <div className="page lesson-page" data-testid="lesson-page">
      <TopBar
        crumbs={[
          { label: 'Course', href: '#/' },
          { label: chapter ? `${chapter.number}. ${chapter.title}` : lesson.chapterId, href: '#/' },
          { label: lesson.title },
        ]}
      >
        {progress.state.matches('completed') && <span className="done-pill">✓ Lesson done</span>}
      </TopBar>
      <main
        className="workspace"
        style={{ gridTemplateColumns: `${proseWidth}px 0 minmax(420px, 1fr) 0 ${codeWidth}px` }}
      >
        <LessonProse
          lesson={lesson}
          step={progress.step}
          canPrevious={progress.state.can({ type: 'PREVIOUS' })}
          canNext={progress.state.can({ type: 'NEXT' })}
          onPrevious={onPrevious}
          onNext={onNext}
          onGoTo={onGoTo}
          nextLesson={nextLesson}
        />
        <ResizeHandle
          orientation="vertical"
          size={proseWidth}
          direction={1}
          onResize={setProseWidth}
          label="Resize the lesson text"
        />
        <Stage lesson={exercise} run={run} />
        <ResizeHandle
          orientation="vertical"
          size={codeWidth}
          direction={-1}
          onResize={setCodeWidth}
          label="Resize the code"
        />
        <CodePanel
          lesson={exercise}
          code={code}
          errors={run.state.context.errors}
          theme={theme}
          onRerun={run.commands.restart}
        />
      </main>
    </div>
  );
}
