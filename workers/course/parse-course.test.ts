import { describe, expect, it } from 'vitest';
import { L, minimalCourse } from './course-files.test-helper';
import { parseCourse } from './parse-course';

describe('parseCourse', () => {
  it('derives the id from the folder, the title from lesson.md, role files from role names', () => {
    const course = parseCourse(minimalCourse());
    const [chapter] = course.chapters;
    expect(chapter).toMatchObject({ id: 'messaging', number: 7, title: 'Messaging patterns' });
    expect(chapter!.summary).toBe('How nodes talk without waiting on each other.');
    const lesson = course.lessons.get('request-reply')!;
    expect(lesson.title).toBe('Request and reply');
    expect(lesson.steps.map((s) => s.title)).toEqual(['Run it', 'Change it']);
    expect(lesson.exercise.scenario).toMatchObject({
      id: 'request-reply',
      title: 'Request and reply',
      roles: { server: { file: 'roles/server.ts' } },
    });
    expect(lesson.exercise.roles).toEqual([
      { role: 'server', file: 'roles/server.ts', editable: true, starter: `${L}/roles/server.ts` },
    ]);
  });

  it('finds solutions, broken variants (by the longest role name) and hints', () => {
    const course = parseCourse(
      minimalCourse({
        [`${L}/scenario.ts`]: { until: 1000, roles: { server: {}, 'server-proxy': {} } },
        [`${L}/roles/server-proxy.ts`]: '',
        [`${L}/solution/server.ts`]: '',
        [`${L}/broken/server-proxy-no-retry.ts`]: '',
        [`${L}/broken/server-off-by-one.ts`]: '',
        [`${L}/hints.md`]: '## Nudge',
      }),
    );
    const { exercise } = course.lessons.get('request-reply')!;
    expect(exercise.roles.map((r) => [r.role, r.solution])).toEqual([
      ['server', `${L}/solution/server.ts`],
      ['server-proxy', undefined],
    ]);
    expect(exercise.broken).toEqual([
      { path: `${L}/broken/server-off-by-one.ts`, role: 'server' },
      { path: `${L}/broken/server-proxy-no-retry.ts`, role: 'server-proxy' },
    ]);
    expect(exercise.hintsPath).toBe(`${L}/hints.md`);
  });

  it('a step folder is an exercise of its own, falling back to the lesson file by file', () => {
    const course = parseCourse(
      minimalCourse({ [`${L}/steps/2/checks.ts`]: '', [`${L}/steps/2/solution/server.ts`]: '' }),
    );
    const lesson = course.lessons.get('request-reply')!;
    const step = lesson.stepExercises.get(2)!;
    expect(step).toMatchObject({
      id: 'request-reply/step-2',
      step: 2,
      dir: `${L}/steps/2`,
      codeDirs: [`${L}/steps/2`, L],
      scenarioPath: `${L}/scenario.ts`,
    });
    expect(step.roles[0]).toMatchObject({
      starter: `${L}/roles/server.ts`,
      solution: `${L}/steps/2/solution/server.ts`,
    });
    expect(lesson.exercise.roles[0]!.solution).toBeUndefined();
  });

  const refuses: [string, Record<string, string | object | undefined>, string][] = [
    [
      'a chapter folder without two digits',
      { '7-messaging/chapter.md': '# M', '7-messaging/01-x/lesson.md': '# X' },
      'lessons/7-messaging: folder "7-messaging" must be named NN-slug',
    ],
    [
      'a chapter without chapter.md',
      { '07-messaging/chapter.md': undefined },
      'lessons/07-messaging/chapter.md: is missing',
    ],
    ['a lesson without lesson.md', { [`${L}/lesson.md`]: undefined }, `lessons/${L}/lesson.md: is missing`],
    [
      'lesson.md without a title',
      { [`${L}/lesson.md`]: 'no title' },
      `lessons/${L}/lesson.md: must start with "# Lesson title"`,
    ],
    ['a missing scenario', { [`${L}/scenario.ts`]: undefined }, `lessons/${L}/scenario.ts: is missing`],
    ['missing checks', { [`${L}/checks.ts`]: undefined }, `lessons/${L}/checks.ts: is missing`],
    [
      'a role without code',
      { [`${L}/roles/server.ts`]: undefined },
      `role "server" has no code: add lessons/${L}/roles/server.ts`,
    ],
    [
      'an id other than the folder',
      { [`${L}/scenario.ts`]: { id: 'echo', until: 1, roles: { server: {} } } },
      "id is 'echo' but the folder says 'request-reply'",
    ],
    [
      'a role file not named after the role',
      { [`${L}/scenario.ts`]: { until: 1, roles: { server: { file: 'roles/srv.ts' } } } },
      'its file is roles/server.ts',
    ],
    ['no until', { [`${L}/scenario.ts`]: { roles: { server: {} } } }, 'scenario needs `until`'],
    [
      'a solution for no role',
      { [`${L}/solution/client.ts`]: '' },
      `lessons/${L}/solution/client.ts: solves no role`,
    ],
    ['a broken variant for no role', { [`${L}/broken/client-bug.ts`]: '' }, 'name it <role>-<bug>.ts'],
    [
      'a step lesson.md does not have',
      { [`${L}/steps/7/checks.ts`]: '' },
      'lesson.md has 2 steps, so there is no step 7',
    ],
    [
      'a step folder not named by number',
      { [`${L}/steps/two/checks.ts`]: '' },
      'step folders are named by number',
    ],
  ];
  for (const [what, over, message] of refuses) {
    it(`refuses ${what}, naming the file`, () => {
      expect(() => parseCourse(minimalCourse(over))).toThrow(message);
    });
  }

  it('refuses two lessons with one id', () => {
    const twin = '07-messaging/04-request-reply';
    expect(() =>
      parseCourse(
        minimalCourse({
          [`${twin}/lesson.md`]: '# Again\n',
          [`${twin}/scenario.ts`]: { until: 1, roles: { server: {} } },
          [`${twin}/checks.ts`]: '',
          [`${twin}/roles/server.ts`]: '',
        }),
      ),
    ).toThrow(`lessons/${twin}: lesson id "request-reply" is already used by lessons/${L}`);
  });
});
