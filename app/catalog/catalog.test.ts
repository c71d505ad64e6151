import { describe, expect, it } from 'vitest';
import { L, minimalCourse } from '../../workers/course/course-files.test-helper';
import { buildCatalog } from './buildCatalog';
import { getCatalog } from './catalog';
import { exerciseAt } from './types';
import { outlineOf } from '../../workers/course/course-outline';
import { readCourse } from '../../scripts/lib/lesson-loader';

describe('buildCatalog', () => {
  it('turns the parsed course into the entries the pages read', () => {
    const built = buildCatalog(
      minimalCourse({ [`${L}/steps/2/checks.ts`]: '', [`${L}/steps/2/solution/server.ts`]: '' }),
    );
    const found = built.lessonById.get('request-reply')!;
    expect(found).toMatchObject({ chapterId: 'messaging', number: 3, folder: L, exerciseDir: L });
    expect(found.roles).toEqual([
      { role: 'server', file: 'roles/server.ts', editable: true, description: undefined, hasSolution: false },
    ]);
    expect(exerciseAt(found, 1)).toBe(found);
    const step = exerciseAt(found, 2);
    expect(step).toMatchObject({
      id: 'request-reply/step-2',
      codeDirs: [`${L}/steps/2`, L],
      exerciseDir: `${L}/steps/2`,
    });
    expect(step.roles[0]?.hasSolution).toBe(true);
    expect(exerciseAt(step, 2)).toBe(step);
  });
});

describe('the course on disk', () => {
  it('loads without content errors, every chapter with its folder', () => {
    const { chapters } = getCatalog();
    expect(chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('the course map outline', () => {
  it('is what the catalog shows: the build-time outline (from disk) equals the one cut from the catalog', async () => {
    const fromDisk = outlineOf(await readCourse());
    expect(fromDisk).toEqual(outlineOf(getCatalog()));
    const lessons = fromDisk.chapters.flatMap((c) => c.lessons);
    expect(lessons.length).toBeGreaterThan(20);
    expect(lessons.find((l) => l.id === 'request-reply')).toMatchObject({ title: expect.any(String) });
    expect(lessons.every((l) => l.stepCount > 0 && l.title.length > 0)).toBe(true);
  });
});
