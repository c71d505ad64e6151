/**
 * The course, read from `lessons/` at build time. Prose and scenarios are bundled eagerly (the course map
 * needs titles and step counts); role and solution code is fetched only when a lesson opens.
 */
import type { RoleSource } from '../../workers/kernel/protocol';
import { buildCatalog } from './buildCatalog';
import { CatalogError, type Catalog, type LessonEntry } from './types';

// Prose and scenarios are bundled eagerly (the course map needs titles and step counts); code is fetched
// when a lesson opens; checks and broken variants are only listed here (the Check Worker imports checks).
const docs = import.meta.glob<string>(
  ['/lessons/*/chapter.md', '/lessons/*/*/lesson.md', '/lessons/*/*/**/hints.md'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);
const scenarios = import.meta.glob<unknown>(
  ['/lessons/*/*/scenario.ts', '/lessons/*/*/steps/*/scenario.ts'],
  {
    import: 'default',
    eager: true,
  },
);
const code = import.meta.glob<string>(
  [
    '/lessons/*/*/roles/*.ts',
    '/lessons/*/*/solution/*.ts',
    '/lessons/*/*/steps/*/roles/*.ts',
    '/lessons/*/*/steps/*/solution/*.ts',
  ],
  { query: '?raw', import: 'default' },
);
const listed = Object.keys(
  import.meta.glob([
    '/lessons/*/*/checks.ts',
    '/lessons/*/*/steps/*/checks.ts',
    '/lessons/*/*/**/broken/*.ts',
  ]),
);

const fromRoot = (path: string) => path.replace(/^\/lessons\//, '');

let built: Catalog | undefined;

/** The course. Throws a CourseError naming the file when the content is broken (shown by the error screen). */
export function getCatalog(): Catalog {
  built ??= buildCatalog({
    paths: [...Object.keys(docs), ...Object.keys(scenarios), ...Object.keys(code), ...listed].map(fromRoot),
    text: (path) => docs[`/lessons/${path}`] ?? '',
    scenario: (path) => scenarios[`/lessons/${path}`],
  });
  return built;
}

/**
 * The code of every role of an exercise: the starter (`roles/`) or the reference solution (`solution/`),
 * from the most specific folder that has it (a step's own, then the lesson's).
 */
export async function loadRoleSources(
  lesson: Pick<LessonEntry, 'roles' | 'codeDirs'>,
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
