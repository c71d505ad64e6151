/**
 * A learner's way through one lesson: which step they are on, which they have seen, and whether the lesson
 * is done (the last step reached after watching a run to its end). Saved on every change.
 */
import { assign, setup } from 'xstate';
import { saveProgress, type SavedProgress } from '../persistence/progress';

export interface LessonProgressInput {
  lessonId: string;
  stepCount: number;
  /** 0-based step to open (from the URL). */
  step: number;
  saved: SavedProgress | undefined;
}

interface ProgressContext {
  lessonId: string;
  stepCount: number;
  step: number;
  visited: number[];
  ranToEnd: boolean;
  /** Saved as done on an earlier visit. */
  wasCompleted: boolean;
}

export type ProgressEvent =
  { type: 'NEXT' } | { type: 'PREVIOUS' } | { type: 'GO_TO_STEP'; step: number } | { type: 'RUN_FINISHED' };

const visit = (visited: number[], step: number) =>
  visited.includes(step) ? visited : [...visited, step].sort((a, b) => a - b);

const clampStep = (context: ProgressContext, step: number) =>
  Math.max(0, Math.min(context.stepCount - 1, step));

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
      context.wasCompleted || (context.ranToEnd && context.step === context.stepCount - 1),
  },
  actions: {
    goTo: assign(({ context }, step: number) => ({
      step: clampStep(context, step),
      visited: visit(context.visited, clampStep(context, step)),
    })),
    save: ({ context }, completed: boolean) => {
      const progress: SavedProgress = {
        step: context.step,
        visited: context.visited,
        ranToEnd: context.ranToEnd,
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
      step,
      visited: visit(input.saved?.visited ?? [], step),
      ranToEnd: input.saved?.ranToEnd ?? false,
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
    RUN_FINISHED: { target: '.checking', actions: assign({ ranToEnd: true }) },
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
        RUN_FINISHED: {},
      },
    },
  },
});
