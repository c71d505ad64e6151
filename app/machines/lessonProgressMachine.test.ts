import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { lessonProgressMachine } from './lessonProgressMachine';

const start = (step = 0) =>
  createActor(lessonProgressMachine, {
    input: { lessonId: 'request-reply', stepCount: 3, step, saved: undefined },
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

  it('is done once the last step is reached after a run to the end, and stays done', () => {
    const actor = start();
    actor.send({ type: 'GO_TO_STEP', step: 2 });
    expect(actor.getSnapshot().matches('learning')).toBe(true);
    actor.send({ type: 'RUN_FINISHED' });
    expect(actor.getSnapshot().matches('completed')).toBe(true);
    actor.send({ type: 'PREVIOUS' });
    expect(actor.getSnapshot().matches('completed')).toBe(true);
    expect(actor.getSnapshot().context.step).toBe(1);
  });

  it('starts done when saved as done', () => {
    const actor = createActor(lessonProgressMachine, {
      input: {
        lessonId: 'request-reply',
        stepCount: 3,
        step: 0,
        saved: { step: 0, visited: [0, 1, 2], ranToEnd: true, completed: true },
      },
    }).start();
    expect(actor.getSnapshot().matches('completed')).toBe(true);
  });
});
