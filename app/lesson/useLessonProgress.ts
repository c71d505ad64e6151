import { useActorRef, useSelector } from '@xstate/react';
import { useEffect } from 'react';
import type { LessonEntry } from '../catalog/types';
import { lessonProgressMachine } from '../machines/lessonProgressMachine';
import { loadProgress } from '../persistence/progress';
import { navigate } from '../router/useRoute';

/** The progress machine, kept in step with the URL (`#/lesson/<id>/<step>`) both ways. */
export function useLessonProgress(lesson: LessonEntry, urlStep: number) {
  const actor = useActorRef(lessonProgressMachine, {
    input: {
      lessonId: lesson.id,
      stepCount: lesson.steps.length,
      exercises: [lesson.id, ...[...lesson.stepExercises.values()].map((e) => e.id)],
      step: urlStep,
      saved: loadProgress(lesson.id),
    },
  });
  const state = useSelector(actor, (s) => s);
  const step = state.context.step;

  // The URL changed (back button, a deep link): tell the machine.
  useEffect(() => {
    actor.send({ type: 'GO_TO_STEP', step: urlStep });
  }, [actor, urlStep]);

  // The machine moved (next, previous): show it in the URL.
  useEffect(() => {
    if (step !== urlStep) navigate({ page: 'lesson', lessonId: lesson.id, step: step + 1 });
    // Only the machine's step drives this; the URL is followed by the effect above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, lesson.id]);

  return { actor, state, step };
}
