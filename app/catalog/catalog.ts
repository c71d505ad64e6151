/**
 * The course, read from `lessons/` at build time. Prose and scenarios are bundled eagerly (the course map
 * needs titles and step counts); role and solution code is fetched only when a lesson opens.
 */
import type { RoleSource } from '../../workers/kernel/protocol';
import { buildCatalog } from './buildCatalog';
import { CatalogError, type Catalog, type LessonEntry } from './types';

const chapterDocs = import.meta.glob<string>('/lessons/*/chapter.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const lessonDocs = import.meta.glob<string>('/lessons/*/*/lesson.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const scenarios = import.meta.glob<unknown>('/lessons/*/*/scenario.ts', { import: 'default', eager: true });
const stepScenarios = import.meta.glob<unknown>('/lessons/*/*/steps/*/scenario.ts', {
  import: 'default',
  eager: true,
});
const stepChecks = Object.keys(import.meta.glob('/lessons/*/*/steps/*/checks.ts'));
const code = import.meta.glob<string>(
  [
    '/lessons/*/*/roles/*.ts',
    '/lessons/*/*/solution/*.ts',
    '/lessons/*/*/steps/*/roles/*.ts',
    '/lessons/*/*/steps/*/solution/*.ts',
  ],
  { query: '?raw', import: 'default' },
);

let built: Catalog | undefined;

/** The course. Throws a CatalogError naming the file when the content is broken (shown by the error screen). */
export function getCatalog(): Catalog {
  built ??= buildCatalog({
    chapterDocs,
    lessonDocs,
    scenarios,
    codeFiles: Object.keys(code),
    stepChecks,
    stepScenarios,
  });
  return built;
}

/**
 * The code of every role of an exercise: the starter (`roles/`) or the reference solution (`solution/`),
 * from the most specific folder that has it (a step's own, then the lesson's).
 */
export async function loadRoleSources(
  lesson: LessonEntry,
  from: 'roles' | 'solution',
): Promise<RoleSource[]> {
  const find = (file: string) => lesson.codeDirs.map((dir) => code[`/lessons/${dir}/${file}`]).find(Boolean);
  return Promise.all(
    lesson.roles.map(async ({ role, file }) => {
      // Roles the learner does not change have no solution file: their starter is the solution. A step's
      // solution lives in the step's folder only (the lesson's solves another exercise).
      const solution = code[`/lessons/${lesson.codeDirs[0]}/${file.replace(/^roles\//, 'solution/')}`];
      const load = (from === 'solution' && solution) || find(file);
      if (!load) throw new CatalogError(`lessons/${lesson.codeDirs[0]}/${file}`, 'is missing');
      return { role, file, source: await load() };
    }),
  );
}
