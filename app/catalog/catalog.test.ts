import { describe, expect, it } from 'vitest';
import { buildCatalog } from './buildCatalog';
import { getCatalog } from './catalog';
import { exerciseAt } from './types';

const chapter = '# Messaging patterns\n\nHow nodes talk without waiting on each other.\n';
const lesson =
  '# Request and reply\n\nA client asks, a server answers.\n\n## Run it\n\nPress run.\n\n## Change it\n\n```md\n## not a step\n```\n';
const scenario = {
  id: 'request-reply',
  title: 'Request and reply',
  until: 1000,
  roles: { server: { file: 'roles/server.ts' } },
};

const sources = (over: Partial<Parameters<typeof buildCatalog>[0]> = {}) => ({
  chapterDocs: { '/lessons/07-messaging/chapter.md': chapter },
  lessonDocs: { '/lessons/07-messaging/03-request-reply/lesson.md': lesson },
  scenarios: { '/lessons/07-messaging/03-request-reply/scenario.ts': scenario },
  codeFiles: ['/lessons/07-messaging/03-request-reply/roles/server.ts'],
  ...over,
});

describe('buildCatalog', () => {
  it('reads chapters, lessons and steps from the folder convention', () => {
    const built = buildCatalog(sources());
    const [ch] = built.chapters;
    expect(ch?.title).toBe('Messaging patterns');
    expect(ch?.summary).toBe('How nodes talk without waiting on each other.');
    const found = built.lessonById.get('request-reply');
    expect(found?.steps.map((s) => s.title)).toEqual(['Run it', 'Change it']);
    expect(found?.steps[0]?.markdown).toContain('A client asks');
    expect(found?.roles).toEqual([
      { role: 'server', file: 'roles/server.ts', editable: true, description: undefined, hasSolution: false },
    ]);
  });

  it('names the file when a role file is missing', () => {
    expect(() => buildCatalog(sources({ codeFiles: [] }))).toThrow(
      'lessons/07-messaging/03-request-reply/scenario.ts: role "server" names roles/server.ts, which does not exist',
    );
  });

  it('names the file when lesson.md has no title', () => {
    expect(() =>
      buildCatalog(
        sources({ lessonDocs: { '/lessons/07-messaging/03-request-reply/lesson.md': 'no title' } }),
      ),
    ).toThrow('lessons/07-messaging/03-request-reply/lesson.md: must start with "# Lesson title"');
  });

  it('refuses two lessons with the same id', () => {
    expect(() =>
      buildCatalog(
        sources({
          lessonDocs: {
            '/lessons/07-messaging/03-request-reply/lesson.md': lesson,
            '/lessons/07-messaging/04-request-reply/lesson.md': lesson,
          },
          scenarios: {
            '/lessons/07-messaging/03-request-reply/scenario.ts': scenario,
            '/lessons/07-messaging/04-request-reply/scenario.ts': scenario,
          },
          codeFiles: [
            '/lessons/07-messaging/03-request-reply/roles/server.ts',
            '/lessons/07-messaging/04-request-reply/roles/server.ts',
          ],
        }),
      ),
    ).toThrow('lesson id "request-reply" is already used');
  });
});

describe('step exercises', () => {
  const dir = '/lessons/07-messaging/03-request-reply';

  it('a step with steps/<n>/checks.ts gets an entry of its own, code looked up in the step first', () => {
    const built = buildCatalog(
      sources({
        codeFiles: [`${dir}/roles/server.ts`, `${dir}/steps/2/solution/server.ts`],
        stepChecks: [`${dir}/steps/2/checks.ts`],
      }),
    );
    const found = built.lessonById.get('request-reply')!;
    expect(exerciseAt(found, 1)).toBe(found);
    const step = exerciseAt(found, 2);
    expect(step).toMatchObject({
      id: 'request-reply/step-2',
      codeDirs: ['07-messaging/03-request-reply/steps/2', '07-messaging/03-request-reply'],
      exerciseDir: '07-messaging/03-request-reply/steps/2',
    });
    expect(step.roles[0]?.hasSolution).toBe(true);
    expect(found.roles[0]?.hasSolution).toBe(false);
  });

  it('names the folder of a step that lesson.md does not have', () => {
    expect(() => buildCatalog(sources({ stepChecks: [`${dir}/steps/7/checks.ts`] }))).toThrow(
      'lessons/07-messaging/03-request-reply/steps/7/checks.ts: lesson.md has 2 steps, so there is no step "7"',
    );
  });
});

describe('the course on disk', () => {
  it('loads without content errors', () => {
    expect(getCatalog().chapters.length).toBe(12);
  });
});
