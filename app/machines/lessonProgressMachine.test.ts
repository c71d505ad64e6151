import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { lessonProgressMachine } from './lessonProgressMachine';

const start = (exercises = ['request-reply'], step = 0) =>
  createActor(lessonProgressMachine, {
    input: { lessonId: 'request-reply', stepCount: 3, exercises, step, saved: undefined },
  }).start();

describe('lessonProgressMachine', () => {
  it('moves between steps within bounds and remembers the ones seen', () => {
    const actor = start();
    expect(actor.getSnapshot().can({ type: 'PREVIOUS' })).toBe(false);
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().context.step).toBe(2);
    expect(actor.getSnapshot().can({ type: 'NEXT' })).toBe(false);
    expect(actor.getSnapshot().context.visited).toEqual([0, 1, 2]);
    actor.send({ type: 'GO_TO_STEP', step: 99 });
    expect(actor.getSnapshot().context.step).toBe(2);
  });

  it('is not done for reaching the last step, only once the checks pass, and then stays done', () => {
    const actor = start();
    actor.send({ type: 'GO_TO_STEP', step: 2 });
    expect(actor.getSnapshot().matches('learning')).toBe(true);
    actor.send({ type: 'CHECKS_PASSED', exercise: 'request-reply' });
    expect(actor.getSnapshot().matches('completed')).toBe(true);
    actor.send({ type: 'PREVIOUS' });
    expect(actor.getSnapshot().matches('completed')).toBe(true);
    expect(actor.getSnapshot().context.step).toBe(1);
  });

  it('passing on the first step is enough: the checks, not the step, decide', () => {
    const actor = start();
    actor.send({ type: 'CHECKS_PASSED', exercise: 'request-reply' });
    expect(actor.getSnapshot().matches('completed')).toBe(true);
    expect(actor.getSnapshot().context.step).toBe(0);
  });

  it('a lesson with step exercises is done when every one of them passed', () => {
    const actor = start(['sidecar', 'sidecar/step-2']);
    actor.send({ type: 'CHECKS_PASSED', exercise: 'sidecar/step-2' });
    expect(actor.getSnapshot().matches('learning')).toBe(true);
    expect(actor.getSnapshot().context.passed).toEqual(['sidecar/step-2']);
    actor.send({ type: 'CHECKS_PASSED', exercise: 'another-lesson' });
    expect(actor.getSnapshot().context.passed).toEqual(['sidecar/step-2']);
    actor.send({ type: 'CHECKS_PASSED', exercise: 'sidecar' });
    expect(actor.getSnapshot().matches('completed')).toBe(true);
  });

  it('starts done when saved as done', () => {
    const actor = createActor(lessonProgressMachine, {
      input: {
        lessonId: 'request-reply',
        stepCount: 3,
        exercises: ['request-reply'],
        step: 0,
        saved: { step: 0, visited: [0, 1, 2], passed: ['request-reply'], completed: true },
      },
    }).start();
    expect(actor.getSnapshot().matches('completed')).toBe(true);
  });
});
