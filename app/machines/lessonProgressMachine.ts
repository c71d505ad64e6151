/**
 * A learner's way through one lesson: which step they are on, which they have seen, which exercises passed
 * their checks, and whether the lesson is done: every exercise of it (the lesson's own, and each step's
 * own) passed its checks. Watching a run end proves nothing, so it does not count. Saved on every change.
 */
import { assign, setup } from 'xstate';
import { saveProgress, type SavedProgress } from '../persistence/progress';

export interface LessonProgressInput {
  lessonId: string;
  stepCount: number;
  /** Ids of the lesson's exercises: the lesson's own, and `<lesson>/step-<n>` for each step with its own. */
  exercises: string[];
  /** 0-based step to open (from the URL). */
  step: number;
  saved: SavedProgress | undefined;
}

interface ProgressContext {
  lessonId: string;
  stepCount: number;
  exercises: string[];
  step: number;
  visited: number[];
  passed: string[];
  /** Saved as done on an earlier visit. */
  wasCompleted: boolean;
}

export type ProgressEvent =
  | { type: 'NEXT' }
  | { type: 'PREVIOUS' }
  | { type: 'GO_TO_STEP'; step: number }
  /** Every check of this exercise passed on every seed. */
  | { type: 'CHECKS_PASSED'; exercise: string };

const visit = (visited: number[], step: number) =>
  visited.includes(step) ? visited : [...visited, step].sort((a, b) => a - b);

const clampStep = (context: ProgressContext, step: number) =>
  Math.max(0, Math.min(context.stepCount - 1, step));

/** Whether an exercise of this lesson has passed its checks. */
export function exercisePassed(context: { passed: string[] }, exercise: string): boolean {
  return context.passed.includes(exercise);
}

export const lessonProgressMachine = setup({
  types: {
    context: {} as ProgressContext,
    events: {} as ProgressEvent,
    input: {} as LessonProgressInput,
  },
  guards: {
    hasNext: ({ context }) => context.step < context.stepCount - 1,
    hasPrevious: ({ context }) => context.step > 0,
    isOtherStep: ({ context, event }) =>
      event.type === 'GO_TO_STEP' && clampStep(context, event.step) !== context.step,
    isDone: ({ context }) =>
      context.wasCompleted || context.exercises.every((id) => context.passed.includes(id)),
  },
  actions: {
    goTo: assign(({ context }, step: number) => ({
      step: clampStep(context, step),
      visited: visit(context.visited, clampStep(context, step)),
    })),
    pass: assign(({ context, event }) =>
      event.type === 'CHECKS_PASSED' && context.exercises.includes(event.exercise)
        ? {
            passed: context.passed.includes(event.exercise)
              ? context.passed
              : [...context.passed, event.exercise],
          }
        : {},
    ),
    save: ({ context }, completed: boolean) => {
      const progress: SavedProgress = {
        step: context.step,
        visited: context.visited,
        passed: context.passed,
        completed,
      };
      saveProgress(context.lessonId, progress);
    },
  },
}).createMachine({
  id: 'lessonProgress',
  context: ({ input }) => {
    const step = Math.max(0, Math.min(input.stepCount - 1, input.step));
    return {
      lessonId: input.lessonId,
      stepCount: input.stepCount,
      exercises: input.exercises,
      step,
      visited: visit(input.saved?.visited ?? [], step),
      passed: input.saved?.passed ?? [],
      wasCompleted: input.saved?.completed ?? false,
    };
  },
  initial: 'checking',
  on: {
    NEXT: {
      guard: 'hasNext',
      target: '.checking',
      actions: { type: 'goTo', params: ({ context }) => context.step + 1 },
    },
    PREVIOUS: {
      guard: 'hasPrevious',
      target: '.checking',
      actions: { type: 'goTo', params: ({ context }) => context.step - 1 },
    },
    GO_TO_STEP: {
      guard: 'isOtherStep',
      target: '.checking',
      actions: { type: 'goTo', params: ({ event }) => event.step },
    },
    CHECKS_PASSED: { target: '.checking', actions: 'pass' },
  },
  states: {
    /** Transient: decide where the learner stands after a change. */
    checking: {
      always: [{ guard: 'isDone', target: 'completed' }, { target: 'learning' }],
    },
    learning: { entry: { type: 'save', params: false } },
    /** Once done, a lesson stays done, whatever step the learner goes back to. */
    completed: {
      entry: { type: 'save', params: true },
      on: {
        NEXT: {
          guard: 'hasNext',
          actions: [
            { type: 'goTo', params: ({ context }) => context.step + 1 },
            { type: 'save', params: true },
          ],
        },
        PREVIOUS: {
          guard: 'hasPrevious',
          actions: [
            { type: 'goTo', params: ({ context }) => context.step - 1 },
            { type: 'save', params: true },
          ],
        },
        GO_TO_STEP: {
          guard: 'isOtherStep',
          actions: [
            { type: 'goTo', params: ({ event }) => event.step },
            { type: 'save', params: true },
          ],
        },
        CHECKS_PASSED: { actions: ['pass', { type: 'save', params: true }] },
      },
    },
  },
});
