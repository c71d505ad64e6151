/**
 * Builds the course from the files under `lessons/` (handed in by path, so it runs in Vite and in tests),
 * and refuses broken content loudly: every error names the file to fix.
 */
import type { Scenario } from '../../workers/kernel/scenario';
import { parseChapterMarkdown, parseLessonMarkdown } from './markdown';
import { CatalogError, type Catalog, type ChapterEntry, type LessonEntry, type LessonRole } from './types';

/** Files keyed by their path from the repository top, e.g. `/lessons/07-messaging/chapter.md`. */
export interface CatalogSources {
  chapterDocs: Record<string, string>;
  lessonDocs: Record<string, string>;
  scenarios: Record<string, unknown>;
  /** Paths of every `roles/*.ts` and `solution/*.ts` file (a lesson's and its steps'). */
  codeFiles: string[];
  /** Paths of every `steps/<n>/checks.ts`: the steps with an exercise of their own. */
  stepChecks?: string[];
  /** `steps/<n>/scenario.ts` modules, where a step has its own scenario. */
  stepScenarios?: Record<string, unknown>;
}

const numbered = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** `/lessons/07-messaging/03-request-reply/lesson.md` -> its folder parts and the file as shown to authors. */
function locate(path: string): { parts: string[]; file: string } {
  const file = path.replace(/^\//, '');
  return { parts: file.split('/').slice(1, -1), file };
}

function parseFolder(name: string, file: string): { number: number; slug: string } {
  const match = numbered.exec(name);
  if (!match) throw new CatalogError(file, `folder "${name}" must be named NN-slug (e.g. 03-request-reply)`);
  return { number: Number(match[1]), slug: match[2] ?? name };
}

function checkScenario(value: unknown, file: string): Scenario {
  if (typeof value !== 'object' || value === null)
    throw new CatalogError(file, 'has no default export scenario');
  const scenario = value as Partial<Scenario>;
  if (typeof scenario.title !== 'string' || !scenario.title)
    throw new CatalogError(file, 'scenario needs a title');
  if (typeof scenario.until !== 'number' || !(scenario.until > 0))
    throw new CatalogError(file, 'scenario needs `until`, the run length in virtual ms (> 0)');
  if (!scenario.roles || Object.keys(scenario.roles).length === 0)
    throw new CatalogError(file, 'scenario declares no roles');
  return scenario as Scenario;
}

function lessonRoles(
  scenario: Scenario,
  dirs: string[],
  scenarioFile: string,
  codeFiles: Set<string>,
): LessonRole[] {
  return Object.entries(scenario.roles).map(([role, spec]) => {
    if (!spec.file || !/^roles\/[\w.-]+\.ts$/.test(spec.file))
      throw new CatalogError(scenarioFile, `role "${role}" must name its file as roles/<name>.ts`);
    if (!dirs.some((dir) => codeFiles.has(`/lessons/${dir}/${spec.file}`)))
      throw new CatalogError(scenarioFile, `role "${role}" names ${spec.file}, which does not exist`);
    // A step's solution is its own; the lesson's solution solves the lesson's exercise, not the step's.
    const solution = `/lessons/${dirs[0]}/${spec.file.replace(/^roles\//, 'solution/')}`;
    return {
      role,
      file: spec.file,
      editable: spec.editable ?? true,
      description: spec.description,
      hasSolution: codeFiles.has(solution),
    };
  });
}

export function buildCatalog(sources: CatalogSources): Catalog {
  const codeFiles = new Set(sources.codeFiles);
  const chapters = new Map<string, ChapterEntry>();
  for (const [path, text] of Object.entries(sources.chapterDocs)) {
    const { parts, file } = locate(path);
    const folder = parts[0] ?? '';
    const { number, slug } = parseFolder(folder, file);
    chapters.set(folder, { id: slug, number, folder, ...parseChapterMarkdown(text, file), lessons: [] });
  }

  const lessonFolders = new Set(
    [...Object.keys(sources.lessonDocs), ...Object.keys(sources.scenarios)].map((p) =>
      locate(p).parts.join('/'),
    ),
  );
  const lessonById = new Map<string, LessonEntry>();
  for (const folder of lessonFolders) {
    const [chapterFolder = '', lessonFolder = ''] = folder.split('/');
    const docPath = `/lessons/${folder}/lesson.md`;
    const scenarioPath = `/lessons/${folder}/scenario.ts`;
    const doc = sources.lessonDocs[docPath];
    if (doc === undefined) throw new CatalogError(`lessons/${folder}`, 'has a scenario.ts but no lesson.md');
    if (!(scenarioPath in sources.scenarios))
      throw new CatalogError(`lessons/${folder}`, 'has a lesson.md but no scenario.ts');
    const chapter = chapters.get(chapterFolder);
    if (!chapter) throw new CatalogError(`lessons/${chapterFolder}`, 'has lessons but no chapter.md');
    const { number, slug } = parseFolder(lessonFolder, docPath.slice(1));
    const scenario = checkScenario(sources.scenarios[scenarioPath], scenarioPath.slice(1));
    const { checks: _checks, ...scenarioData } = scenario;
    const lesson: LessonEntry = {
      id: slug,
      number,
      chapterId: chapter.id,
      folder,
      ...parseLessonMarkdown(doc, docPath.slice(1)),
      scenario: scenarioData,
      roles: lessonRoles(scenario, [folder], scenarioPath.slice(1), codeFiles),
      codeDirs: [folder],
      exerciseDir: folder,
      stepExercises: new Map(),
    };
    addStepExercises(lesson, scenario, sources, codeFiles);
    const clash = lessonById.get(slug);
    if (clash)
      throw new CatalogError(
        docPath.slice(1),
        `lesson id "${slug}" is already used by lessons/${clash.folder}`,
      );
    lessonById.set(slug, lesson);
    chapter.lessons.push(lesson);
  }

  const sorted = [...chapters.values()].sort((a, b) => a.folder.localeCompare(b.folder));
  for (const chapter of sorted) chapter.lessons.sort((a, b) => a.folder.localeCompare(b.folder));
  return { chapters: sorted, lessonById };
}

/** Entries for the steps of a lesson that have an exercise of their own (`steps/<n>/checks.ts`). */
function addStepExercises(
  lesson: LessonEntry,
  scenario: Scenario,
  sources: CatalogSources,
  codeFiles: Set<string>,
) {
  const exercises = new Map<number, LessonEntry>();
  const prefix = `/lessons/${lesson.folder}/steps/`;
  for (const path of sources.stepChecks ?? []) {
    if (!path.startsWith(prefix)) continue;
    const name = path.slice(prefix.length).split('/')[0] ?? '';
    const step = Number(name);
    if (!/^\d+$/.test(name) || step < 1 || step > lesson.steps.length)
      throw new CatalogError(
        path.slice(1),
        `lesson.md has ${lesson.steps.length} steps, so there is no step "${name}"`,
      );
    const dir = `${lesson.folder}/steps/${step}`;
    const ownScenarioPath = `/lessons/${dir}/scenario.ts`;
    const own = sources.stepScenarios?.[ownScenarioPath];
    const stepScenario = own === undefined ? scenario : checkScenario(own, ownScenarioPath.slice(1));
    const { checks: _checks, ...scenarioData } = stepScenario;
    const scenarioFile =
      own === undefined ? `lessons/${lesson.folder}/scenario.ts` : ownScenarioPath.slice(1);
    exercises.set(step, {
      ...lesson,
      id: `${lesson.id}/step-${step}`,
      scenario: scenarioData,
      roles: lessonRoles(stepScenario, [dir, lesson.folder], scenarioFile, codeFiles),
      codeDirs: [dir, lesson.folder],
      exerciseDir: dir,
      stepExercises: exercises,
    });
  }
  lesson.stepExercises = exercises;
}
