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
const code = import.meta.glob<string>(['/lessons/*/*/roles/*.ts', '/lessons/*/*/solution/*.ts'], {
  query: '?raw',
  import: 'default',
});

let built: Catalog | undefined;

/** The course. Throws a CatalogError naming the file when the content is broken (shown by the error screen). */
export function getCatalog(): Catalog {
  built ??= buildCatalog({ chapterDocs, lessonDocs, scenarios, codeFiles: Object.keys(code) });
  return built;
}

/** The code of every role of a lesson: the starter (`roles/`) or the reference solution (`solution/`). */
export async function loadRoleSources(
  lesson: LessonEntry,
  from: 'roles' | 'solution',
): Promise<RoleSource[]> {
  return Promise.all(
    lesson.roles.map(async ({ role, file }) => {
      // Roles the learner does not change have no solution file: their starter is the solution.
      const wanted = from === 'solution' ? file.replace(/^roles\//, 'solution/') : file;
      const path = `/lessons/${lesson.folder}/${wanted}`;
      const load = code[path] ?? code[`/lessons/${lesson.folder}/${file}`];
      if (!load) throw new CatalogError(path.slice(1), 'is missing');
      return { role, file, source: await load() };
    }),
  );
}
