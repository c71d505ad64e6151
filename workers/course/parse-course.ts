/**
 * The one reader of the course's folder rules: numbered chapter folders with a
 * `chapter.md`, numbered lesson folders with `lesson.md`, `scenario.ts`, `checks.ts`, `roles/<role>.ts`,
 * optional `solution/`, `broken/`, `hints.md` and `steps/<n>/` exercises. Pure: it is handed the file list
 * and the contents it needs (by fs in Node, by `import.meta.glob` in the browser), and fails loudly on the
 * first broken thing, naming the file.
 *
 * What an author would otherwise repeat is derived: a lesson's id from its folder (`01-singleton` ->
 * `singleton`), its title from `lesson.md`'s `# H1`, a role's file from its name (`roles/<role>.ts`).
 */
import type { RoleSpec, ScenarioData } from '../kernel/scenario';
import { CourseError } from './course-error';
import { parseChapterMarkdown, parseLessonMarkdown, type LessonStep } from './markdown';

export { CourseError } from './course-error';
export type { LessonStep } from './markdown';

/** What the parser is given. Paths are relative to `lessons/`, with `/`: `02-single-node/01-singleton/lesson.md`. */
export interface CourseFiles {
  /** Every file under `lessons/`. */
  paths: readonly string[];
  /** The text of a markdown file (`chapter.md`, `lesson.md`). */
  text(path: string): string;
  /** The default export of a `scenario.ts` module. */
  scenario(path: string): unknown;
}

export interface CourseRole {
  role: string;
  /** The file as learners and errors name it: `roles/<role>.ts`. */
  file: string;
  editable: boolean;
  description?: string;
  /** Path (from `lessons/`) of the starter code: the exercise's own, else the lesson's. */
  starter: string;
  /** Path of the reference solution, when the exercise asks to change this role. */
  solution?: string;
}

/** A plausible wrong solution kept to prove the checks catch it: `broken/<role>-<bug>.ts`. */
export interface CourseBroken {
  path: string;
  role: string;
}

/** One exercise: the lesson's, or a step's own. */
export interface CourseExercise {
  /** `singleton`, or `sidecar-ambassador-adapter/step-2` for a step's own exercise. */
  id: string;
  lessonId: string;
  step?: number;
  /** Folder (from `lessons/`) holding the exercise's checks.ts. */
  dir: string;
  /** Folders holding its code, most specific first (a step's, then the lesson's). */
  codeDirs: string[];
  scenarioPath: string;
  checksPath: string;
  /** The scenario with what the parser derived filled in (id, title, every role's file). */
  scenario: ScenarioData;
  roles: CourseRole[];
  broken: CourseBroken[];
  /** `hints.md` beside the checks, when there is one. */
  hintsPath?: string;
}

export interface CourseLesson {
  id: string;
  number: number;
  folder: string;
  chapterFolder: string;
  title: string;
  summary: string;
  markdown: string;
  steps: LessonStep[];
  exercise: CourseExercise;
  /** Steps (1-based) with an exercise of their own. */
  stepExercises: Map<number, CourseExercise>;
}

export interface CourseChapter {
  id: string;
  number: number;
  folder: string;
  title: string;
  summary: string;
  lessons: CourseLesson[];
}

export interface Course {
  chapters: CourseChapter[];
  lessons: Map<string, CourseLesson>;
}

const NUMBERED = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const ROLE_NAME = /^[a-z][a-z0-9-]*$/;

function numbered(name: string, file: string): { number: number; slug: string } {
  const match = NUMBERED.exec(name);
  if (!match)
    throw new CourseError(
      file,
      `folder "${name}" must be named NN-slug: two digits, a dash, lowercase words (07-messaging)`,
    );
  return { number: Number(match[1]), slug: match[2]! };
}

export function parseCourse(files: CourseFiles): Course {
  const paths = new Set(files.paths.map((p) => p.replace(/^\/+/, '')));
  const chapters = new Map<string, CourseChapter>();
  const lessonFolders = new Set<string>();
  for (const path of [...paths].sort()) {
    const parts = path.split('/');
    if (parts.length === 1) continue; // files beside the chapters (a README) are not content
    const chapterFolder = parts[0]!;
    if (!chapters.has(chapterFolder)) {
      const { number, slug } = numbered(chapterFolder, `lessons/${chapterFolder}`);
      const doc = `${chapterFolder}/chapter.md`;
      if (!paths.has(doc)) throw new CourseError(`lessons/${doc}`, 'is missing (every chapter needs one)');
      chapters.set(chapterFolder, {
        id: slug,
        number,
        folder: chapterFolder,
        ...parseChapterMarkdown(files.text(doc), `lessons/${doc}`),
        lessons: [],
      });
    }
    if (parts.length >= 3) lessonFolders.add(`${chapterFolder}/${parts[1]}`);
  }
  const lessons = new Map<string, CourseLesson>();
  for (const folder of [...lessonFolders].sort()) {
    const lesson = parseLesson(folder, paths, files);
    const clash = lessons.get(lesson.id);
    if (clash)
      throw new CourseError(
        `lessons/${folder}`,
        `lesson id "${lesson.id}" is already used by lessons/${clash.folder}`,
      );
    lessons.set(lesson.id, lesson);
    chapters.get(lesson.chapterFolder)!.lessons.push(lesson);
  }
  const sorted = [...chapters.values()].sort((a, b) => a.folder.localeCompare(b.folder));
  const seenNumbers = new Map<number, string>();
  for (const chapter of sorted) {
    const other = seenNumbers.get(chapter.number);
    if (other)
      throw new CourseError(
        `lessons/${chapter.folder}`,
        `chapter number ${chapter.number} is also lessons/${other}`,
      );
    seenNumbers.set(chapter.number, chapter.folder);
  }
  return { chapters: sorted, lessons };
}

function parseLesson(folder: string, paths: Set<string>, files: CourseFiles): CourseLesson {
  const [chapterFolder, lessonFolder] = folder.split('/') as [string, string];
  const { number, slug: id } = numbered(lessonFolder, `lessons/${folder}`);
  const docPath = `${folder}/lesson.md`;
  if (!paths.has(docPath)) throw new CourseError(`lessons/${docPath}`, 'is missing (every lesson needs one)');
  const markdown = files.text(docPath);
  const { title, summary, steps } = parseLessonMarkdown(markdown, `lessons/${docPath}`);
  const exercise = parseExercise({ id, lessonId: id, dir: folder, lessonDir: folder, title, paths, files });
  const stepExercises = new Map<number, CourseExercise>();
  const stepDirs = new Set<string>();
  for (const path of paths) {
    if (!path.startsWith(`${folder}/steps/`)) continue;
    const name = path.slice(folder.length + 7).split('/')[0]!;
    stepDirs.add(name);
  }
  for (const name of [...stepDirs].sort((a, b) => Number(a) - Number(b))) {
    const dir = `${folder}/steps/${name}`;
    const step = Number(name);
    if (!/^\d+$/.test(name))
      throw new CourseError(`lessons/${dir}`, 'step folders are named by number (steps/2)');
    if (step < 1 || step > steps.length)
      throw new CourseError(
        `lessons/${dir}`,
        `lesson.md has ${steps.length} steps, so there is no step ${step}`,
      );
    stepExercises.set(
      step,
      parseExercise({
        id: `${id}/step-${step}`,
        lessonId: id,
        step,
        dir,
        lessonDir: folder,
        title,
        paths,
        files,
        inherit: exercise,
      }),
    );
  }
  return { id, number, folder, chapterFolder, title, summary, markdown, steps, exercise, stepExercises };
}

interface ExerciseInput {
  id: string;
  lessonId: string;
  step?: number;
  dir: string;
  lessonDir: string;
  title: string;
  paths: Set<string>;
  files: CourseFiles;
  /** A step's exercise falls back to its lesson's scenario and code. */
  inherit?: CourseExercise;
}

function parseExercise(input: ExerciseInput): CourseExercise {
  const { id, lessonId, dir, lessonDir, title, paths, files, inherit } = input;
  const checksPath = `${dir}/checks.ts`;
  if (!paths.has(checksPath))
    throw new CourseError(`lessons/${checksPath}`, 'is missing (every exercise needs its checks)');
  const ownScenario = `${dir}/scenario.ts`;
  let scenarioPath: string;
  let scenario: ScenarioData;
  if (paths.has(ownScenario)) {
    scenarioPath = ownScenario;
    scenario = validScenario(files.scenario(ownScenario), `lessons/${ownScenario}`, lessonId, title);
  } else if (inherit) {
    scenarioPath = inherit.scenarioPath;
    scenario = inherit.scenario;
  } else {
    throw new CourseError(`lessons/${ownScenario}`, 'is missing (every lesson needs one)');
  }
  const codeDirs = dir === lessonDir ? [dir] : [dir, lessonDir];
  const roles = Object.entries(scenario.roles).map(([role, spec]): CourseRole => {
    const file = spec.file!;
    const starter = codeDirs.map((d) => `${d}/${file}`).find((p) => paths.has(p));
    if (!starter)
      throw new CourseError(
        `lessons/${scenarioPath}`,
        `role "${role}" has no code: add lessons/${dir}/${file}`,
      );
    // A step's solution is its own; the lesson's solution solves the lesson's exercise, not the step's.
    const solution = `${dir}/solution/${role}.ts`;
    return {
      role,
      file,
      editable: spec.editable ?? true,
      ...(spec.description !== undefined ? { description: spec.description } : {}),
      starter,
      ...(paths.has(solution) ? { solution } : {}),
    };
  });
  const roleNames = new Set(roles.map((r) => r.role));
  for (const path of paths) {
    if (!path.startsWith(`${dir}/solution/`) || path.slice(dir.length + 10).includes('/')) continue;
    const name = path.slice(dir.length + 10).replace(/\.ts$/, '');
    if (!roleNames.has(name))
      throw new CourseError(
        `lessons/${path}`,
        `solves no role of the scenario (roles: ${[...roleNames].join(', ')})`,
      );
  }
  const byLength = [...roleNames].sort((a, b) => b.length - a.length);
  const broken: CourseBroken[] = [];
  for (const path of [...paths].sort()) {
    if (!path.startsWith(`${dir}/broken/`) || path.slice(dir.length + 8).includes('/')) continue;
    const name = path.slice(dir.length + 8);
    const role = byLength.find((r) => name.startsWith(`${r}-`) && name.endsWith('.ts'));
    if (!role)
      throw new CourseError(
        `lessons/${path}`,
        `name it <role>-<bug>.ts after one of the roles (${[...roleNames].join(', ')})`,
      );
    broken.push({ path, role });
  }
  const hints = `${dir}/hints.md`;
  return {
    id,
    lessonId,
    ...(input.step !== undefined ? { step: input.step } : {}),
    dir,
    codeDirs,
    scenarioPath,
    checksPath,
    scenario,
    roles,
    broken,
    ...(paths.has(hints) ? { hintsPath: hints } : {}),
  };
}

/** A scenario module's default export, checked, with its id, title and role files derived where absent. */
function validScenario(value: unknown, file: string, lessonId: string, title: string): ScenarioData {
  if (typeof value !== 'object' || value === null)
    throw new CourseError(file, 'has no default export scenario');
  const { checks: _checks, ...scenario } = value as ScenarioData & { checks?: unknown };
  if (scenario.id !== undefined && scenario.id !== lessonId)
    throw new CourseError(
      file,
      `id is '${scenario.id}' but the folder says '${lessonId}' (drop the id: the folder gives it)`,
    );
  if (scenario.title !== undefined && (typeof scenario.title !== 'string' || !scenario.title))
    throw new CourseError(file, 'title must be a non-empty string (or drop it: lesson.md gives it)');
  if (typeof scenario.until !== 'number' || !(scenario.until > 0))
    throw new CourseError(file, 'scenario needs `until`, the run length in virtual ms (> 0)');
  if (!scenario.roles || typeof scenario.roles !== 'object' || Object.keys(scenario.roles).length === 0)
    throw new CourseError(file, 'scenario declares no roles');
  const roles: Record<string, RoleSpec> = {};
  for (const [role, spec] of Object.entries(scenario.roles)) {
    if (!ROLE_NAME.test(role))
      throw new CourseError(file, `role "${role}": use lowercase letters, digits and dashes`);
    const derived = `roles/${role}.ts`;
    if (spec.file !== undefined && spec.file !== derived)
      throw new CourseError(
        file,
        `role "${role}" names ${spec.file}; its file is ${derived} (drop \`file\`: the name gives it)`,
      );
    roles[role] = { ...spec, file: derived };
  }
  return { ...scenario, id: lessonId, title: scenario.title ?? title, roles };
}
