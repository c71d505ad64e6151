/**
 * A batch of codes judged in one guarded thread (what lessons:verify does per exercise) says what judging
 * each alone says, in order; a code that throws while being judged is blamed alone.
 */
import { describe, expect, it } from 'vitest';
import { runGuarded } from './guarded';
import { findLesson } from './lesson-loader';

describe('runGuarded with a batch', { timeout: 120_000 }, () => {
  it('judges each code as a job of its own would, in order', async () => {
    const lesson = await findLesson('request-reply');
    if (!lesson) throw new Error('request-reply is missing');
    const job = { lessonId: lesson.id, mode: 'check' as const, seeds: [1, 2], host: 'in-process' as const };
    const broken = lesson.broken[0]!;
    const batch = [
      { roles: lesson.solution, stopAtFirstFailure: false },
      { roles: lesson.starter, stopAtFirstFailure: true },
      { roles: broken.roles, stopAtFirstFailure: true },
    ];
    const together = await runGuarded({ ...job, roles: [], batch });
    const alone = await Promise.all(
      batch.map(({ roles, stopAtFirstFailure }) => runGuarded({ ...job, roles, stopAtFirstFailure })),
    );
    expect(together).toEqual(alone);
    const passed = together.map((o) => 'results' in o && o.results.every((r) => r.passed));
    expect(passed).toEqual([true, false, false]);
  });

  it('a code that does not compile is its own outcome; the next one is still judged', async () => {
    const lesson = await findLesson('request-reply');
    if (!lesson) throw new Error('request-reply is missing');
    const bad = lesson.solution.map((r) => (r.role === 'client' ? { ...r, source: 'export default (' } : r));
    const [first, second] = await runGuarded({
      lessonId: lesson.id,
      mode: 'check',
      seeds: [1],
      host: 'in-process',
      roles: [],
      batch: [
        { roles: bad, stopAtFirstFailure: true },
        { roles: lesson.solution, stopAtFirstFailure: true },
      ],
    });
    expect(first).toMatchObject({ ok: false, errors: [{ role: 'client' }] });
    expect(second).toMatchObject({ ok: true });
  });
});
