/**
 * The lesson page: prose on the left, the running system in the middle (the hero), the code on the right.
 * It wires the pieces together; the rules live in the run and progress machines.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { getCatalog } from '../catalog/catalog';
import { exerciseAt, type LessonEntry } from '../catalog/types';
import { CodePanel } from '../editor/CodePanel';
import { consent as consentToRun, settleShare, showOwn, showShared } from '../persistence/shareVersions';
import { routeHref } from '../router/route';
import { navigate } from '../router/useRoute';
import { RunForReal } from '../realmode/RunForReal';
import { ShareButton } from '../share/ShareButton';
import { changedCode, encodeShare, linkTooLong, readShare } from '../share/shareLink';
import { ShareNotice } from '../share/ShareNotice';
import { useSharedStart } from '../share/useSharedStart';
import { TopBar } from '../shell/TopBar';
import { useTheme } from '../theme/useTheme';
import { LessonProse } from './LessonProse';
import { HintPanel } from './HintPanel';
import { PredictQuestion } from './PredictQuestion';
import { hintsFor } from '../catalog/hints';
import { ResizeHandle } from './ResizeHandle';
import { useRunProbe } from './useRunProbe';
import { useWorkspaceColumns } from './useWorkspaceColumns';
import { selectCompileErrors } from '../machines/runSelectors';
import { runChecks } from '../check/runChecks';
import { Stage, type CheckRunner } from './Stage';
import { useLessonCode } from './useLessonCode';
import { useLessonProgress } from './useLessonProgress';
import { exercisePassed } from '../machines/lessonProgressMachine';
import { useLessonRun } from './useLessonRun';
import { useRunShortcuts } from './useRunShortcuts';
import '../styles/lessonLayout.css';
import '../styles/prose.css';
import '../styles/stage.css';
import '../styles/panels.css';
import '../styles/faultMenu.css';
import '../styles/checks.css';
import '../styles/share.css';
import '../styles/codeHistory.css';

interface Props {
  lesson: LessonEntry;
  urlStep: number;
  /** A share link's run, when the lesson was opened from one (read once, when the page opens). */
  share?: string | undefined;
}

export function LessonWorkspace({ lesson, urlStep, share }: Props) {
  const { chapters } = getCatalog();
  const chapter = chapters.find((c) => c.id === lesson.chapterId);
  const progress = useLessonProgress(lesson, urlStep);
  // The code, the run and the checks are those of the current step's exercise: its own, or the lesson's.
  const exercise = exerciseAt(lesson, progress.step + 1); // progress counts steps from 0
  // A link carries the exercise of the step it was made on, and is checked against that one.
  const [opened, setOpened] = useState(() => {
    if (!share) return undefined;
    const target = exerciseAt(lesson, urlStep + 1);
    return readShare(
      share,
      target.id,
      target.roles.map((r) => r.role),
    );
  });
  // Kept in state: the shared code and start must stay the same objects for the page's life.
  const [shared] = useState(() => (opened && 'run' in opened ? opened.run : undefined));
  const sharedHere = shared?.lessonId === exercise.id ? shared : undefined;
  const code = useLessonCode(exercise, sharedHere);
  const store = code.store;
  const consent = useCallback(() => store && consentToRun(store), [store]);
  const run = useLessonRun(exercise, code.sources, shared && { seed: shared.seed, faults: shared.faults }, {
    held: code.files?.held ?? false,
    consent,
  });
  useSharedStart(code.files, run.commands.adopt);

  // The link has done its job once read: a reload must not overwrite what the learner does next.
  useEffect(() => {
    if (share) navigate({ page: 'lesson', lessonId: lesson.id, step: urlStep + 1 }, { replace: true });
  }, [share, lesson.id, urlStep]);
  const { resolved: theme } = useTheme();
  const columns = useWorkspaceColumns();

  useRunShortcuts(run.commands);
  useRunProbe(lesson.id, run);
  const { seed, session } = run;

  const nextLesson = useMemo(() => {
    const all = chapters.flatMap((c) => c.lessons);
    const next = all[all.findIndex((l) => l.id === lesson.id) + 1];
    return next && { title: next.title, href: routeHref({ page: 'lesson', lessonId: next.id, step: 1 }) };
  }, [chapters, lesson.id]);

  const { sources, starters } = code;
  const makeShareUrl = useCallback(() => {
    const text = encodeShare({
      lessonId: exercise.id,
      seed,
      code: changedCode(sources ?? {}, starters ?? {}),
      faults: run.addedFaults,
    });
    const tooLong = linkTooLong(text);
    if (tooLong)
      return {
        error: `Your code is too long for a share link: ${tooLong}. Export your progress from the course page to move it instead.`,
      };
    const route = routeHref({ page: 'lesson', lessonId: lesson.id, step: progress.step + 1, share: text });
    return `${location.origin}${location.pathname}${location.search}${route}`;
  }, [lesson.id, exercise.id, seed, sources, starters, run.addedFaults, progress.step]);

  const send = progress.actor.send;
  const onNext = useCallback(() => send({ type: 'NEXT' }), [send]);
  const onPrevious = useCallback(() => send({ type: 'PREVIOUS' }), [send]);
  const onGoTo = useCallback((step: number) => send({ type: 'GO_TO_STEP', step }), [send]);
  // "Show solution" belongs to the exercise on screen: another step's starts closed.
  const [solutionFor, setSolutionFor] = useState<string>();
  const onShowSolution = useCallback(() => setSolutionFor(exercise.id), [exercise.id]);
  const onCloseSolution = useCallback(() => setSolutionFor(undefined), []);
  const [focus, setFocus] = useState<{ nodes: string[] }>();
  const goTo = run.commands.goTo;
  const onMoment = useCallback(
    (t: number, nodes: string[]) => {
      goTo(t);
      setFocus({ nodes });
    },
    [goTo],
  );
  const onChecksPassed = useCallback((exercise: string) => send({ type: 'CHECKS_PASSED', exercise }), [send]);
  const check = useCallback<CheckRunner>(
    (roles, callbacks) => runChecks(exercise, roles, callbacks),
    [exercise],
  );

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
        <RunForReal exercise={exercise} sources={sources} starters={starters} />
        <ShareButton makeUrl={makeShareUrl} />
      </TopBar>
      <ShareNotice
        error={opened && 'error' in opened ? opened.error : undefined}
        files={code.files}
        kept={code.shareKept}
        onShowShared={() => store && void showShared(store)}
        onShowOwn={() => store && void showOwn(store)}
        onDismiss={() => {
          if (opened && 'error' in opened) setOpened(undefined);
          else if (store) void settleShare(store);
        }}
      />
      <main className="workspace" style={{ gridTemplateColumns: columns.gridTemplateColumns }}>
        <LessonProse
          lesson={lesson}
          step={progress.step}
          canPrevious={progress.state.can({ type: 'PREVIOUS' })}
          canNext={progress.state.can({ type: 'NEXT' })}
          onPrevious={onPrevious}
          onNext={onNext}
          onGoTo={onGoTo}
          passed={exercisePassed(progress.state.context, exercise.id)}
          onMoment={onMoment}
          renderPrediction={(prediction, i) => (
            <PredictQuestion
              key={`${exercise.id}/${progress.step}/${i}`}
              prediction={prediction}
              checksPath={exercise.checksPath}
              scenarioId={exercise.id}
              session={session}
              seed={seed}
            />
          )}
          help={
            <HintPanel
              key={exercise.id}
              hints={hintsFor(exercise)}
              hasSolution={exercise.roles.some((r) => r.hasSolution && r.editable)}
              onShowSolution={onShowSolution}
            />
          }
          nextLesson={nextLesson}
        />
        <ResizeHandle
          orientation="vertical"
          size={columns.sideWidth}
          direction={1}
          onResize={columns.setSideWidth}
          label="Resize the lesson text"
        />
        <Stage lesson={exercise} run={run} check={check} onChecksPassed={onChecksPassed} focus={focus} />
        <ResizeHandle
          orientation="vertical"
          size={columns.codeWidth}
          direction={-1}
          onResize={columns.setCodeWidth}
          label="Resize the code"
        />
        <CodePanel
          key={exercise.id}
          lesson={exercise}
          code={code}
          errors={selectCompileErrors(run.state, run.config)}
          theme={theme}
          onRerun={run.commands.restart}
          solutionOpen={solutionFor === exercise.id}
          onCloseSolution={onCloseSolution}
        />
      </main>
    </div>
  );
}
