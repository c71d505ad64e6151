/**
 * The course on disk, for the CLIs: an fs adapter over the one course parser (workers/course/parse-course.ts,
 * which the browser feeds from `import.meta.glob`). It lists `lessons/`, imports the scenarios, hands both to
 * the parser (which validates every rule and names the file it rejects), then loads what an exercise needs
 * to run: its checks and the code of each role, starter, solution and broken variants.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CourseError,
  parseCourse,
  type CourseChapter,
  type CourseExercise,
  type CourseLesson,
} from '../../workers/course/parse-course';
import type { RoleSource } from '../../workers/kernel/protocol';
import type { Check, Scenario } from '../../workers/kernel/scenario';

export const LESSONS_ROOT = join(import.meta.dirname, '..', '..', 'lessons');

/** What a learner is asked to do, and how it is judged. */
export interface Exercise {
  /** The scenario with the exercise's checks attached. */
  scenario: Scenario;
  /** Every role's starter code. */
  starter: RoleSource[];
  /** Every role's code with the reference solution swapped in where it has one. */
  solution: RoleSource[];
  /** Plausible wrong solutions kept to prove the checks catch them (`broken/<role>-<bug>.ts`). */
  broken: BrokenVariant[];
}

/** A wrong solution of one role: the reference with that role's file swapped for this one. */
export interface BrokenVariant {
  /** Path inside the lesson, e.g. `broken/candidate-no-renew.ts` (or `steps/2/broken/...`). */
  file: string;
  role: string;
  /** The bug, from the file's first comment line. */
  bug: string;
  /** Every role's code: the solution, with this role's source replaced. */
  roles: RoleSource[];
}

/** A step of lesson.md (1-based, by its `## ` sections) with an exercise of its own, in `steps/<n>/`. */
export interface StepExercise extends Exercise {
  step: number;
}

/** A lesson: its exercise (for every step without one of its own), and its step exercises. */
export interface LessonBundle extends Exercise {
  /** The lesson folder's slug without its number, e.g. `singleton`. */
  id: string;
  /** The lesson's folder under `lessons/`, e.g. `07-messaging/03-request-reply`. */
  folder: string;
  title: string;
  chapter: Pick<CourseChapter, 'number' | 'id' | 'title'>;
  steps: StepExercise[];
}

/** The exercise of one step: its own, or the lesson's. */
export function exerciseFor(lesson: LessonBundle, step: number | undefined): Exercise {
  return (step !== undefined && lesson.steps.find((s) => s.step === step)) || lesson;
}

/** Every lesson of the course, in order. Throws on the first invalid one, naming the file. */
export async function loadLessons(root = LESSONS_ROOT): Promise<LessonBundle[]> {
  const course = await readCourse(root);
  const bundles: LessonBundle[] = [];
  for (const chapter of course.chapters) {
    for (const lesson of chapter.lessons) bundles.push(await bundle(root, chapter, lesson));
  }
  return bundles;
}

/**
 * One lesson, by id (or by the end of its folder path, e.g. `02-single-node/01-singleton`). Only that lesson's
 * files are parsed and its scenarios imported (a guarded job loads one lesson, many times a verify).
 */
export async function findLesson(idOrPath: string, root = LESSONS_ROOT): Promise<LessonBundle | undefined> {
  const wanted = idOrPath.replace(/\/$/, '');
  const isIt = (folder: string) =>
    folder.endsWith(wanted) || /^\d{2}-(.+)$/.exec(folder.split('/')[1] ?? '')?.[1] === wanted;
  const course = await readCourse(root, (path) => {
    const parts = path.split('/');
    return parts.length < 3 || isIt(`${parts[0]}/${parts[1]}`);
  });
  for (const chapter of course.chapters) {
    for (const lesson of chapter.lessons) {
      if (lesson.id === wanted || lesson.folder.endsWith(wanted)) return bundle(root, chapter, lesson);
    }
  }
  return undefined;
}

/** List `lessons/`, import every scenario (they are small), and parse (scripts/course-outline.ts cuts the map's outline from it). */
export async function readCourse(root: string = LESSONS_ROOT, keep: (path: string) => boolean = () => true) {
  const paths = listFiles(root).filter(keep);
  const scenarios = new Map<string, unknown>();
  for (const path of paths.filter((p) => p.endsWith('/scenario.ts')))
    scenarios.set(path, await importDefault(root, path));
  return parseCourse({
    paths,
    text: (path) => readFileSync(join(root, path), 'utf8'),
    scenario: (path) => scenarios.get(path),
  });
}

/** Every predict block's `answer` names a function of the `predictions` export of its step's checks.ts. */
async function checkPredictions(root: string, lesson: CourseLesson): Promise<void> {
  for (const [i, step] of lesson.steps.entries()) {
    const { checksPath } = lesson.stepExercises.get(i + 1) ?? lesson.exercise;
    for (const { answer } of step.predictions) {
      const module = (await import(pathToFileURL(join(root, checksPath)).href)) as { predictions?: unknown };
      const fn = (module.predictions as Record<string, unknown> | undefined)?.[answer];
      if (typeof fn !== 'function')
        throw new CourseError(
          `lessons/${checksPath}`,
          `step "${step.title}" asks a question answered by predictions.${answer}: export it (\`export const predictions = { ${answer} }\`)`,
        );
    }
  }
}

async function bundle(root: string, chapter: CourseChapter, lesson: CourseLesson): Promise<LessonBundle> {
  await checkPredictions(root, lesson);
  const steps: StepExercise[] = [];
  for (const [step, exercise] of lesson.stepExercises) steps.push({ step, ...(await load(root, exercise)) });
  return {
    id: lesson.id,
    folder: lesson.folder,
    title: lesson.title,
    chapter: { number: chapter.number, id: chapter.id, title: chapter.title },
    ...(await load(root, lesson.exercise)),
    steps,
  };
}

async function load(root: string, exercise: CourseExercise): Promise<Exercise> {
  const checks = await importDefault<Check[]>(root, exercise.checksPath);
  if (!Array.isArray(checks) || checks.some((c) => typeof c?.check !== 'function'))
    throw new CourseError(`lessons/${exercise.checksPath}`, 'the default export must be an array of checks');
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const starter = exercise.roles.map((r): RoleSource => ({
    role: r.role,
    file: r.file,
    source: read(r.starter),
  }));
  const solution = exercise.roles.map((r, i): RoleSource =>
    r.solution ? { ...starter[i]!, source: read(r.solution) } : starter[i]!,
  );
  const lessonDir = exercise.codeDirs[exercise.codeDirs.length - 1]!;
  const broken = exercise.broken.map(({ path, role }): BrokenVariant => {
    const source = read(path);
    const bug = headerComment(source);
    if (!bug) throw new CourseError(`lessons/${path}`, 'start it with a comment saying the bug');
    return {
      file: path.slice(lessonDir.length + 1),
      role,
      bug,
      roles: solution.map((r) => (r.role === role ? { ...r, source } : r)),
    };
  });
  return { scenario: { ...exercise.scenario, checks }, starter, solution, broken };
}

/** The first line of text of the comment a file starts with ('' when it starts with code). */
export function headerComment(source: string): string {
  const text = source.trimStart();
  let body: string;
  if (text.startsWith('/*')) body = text.slice(2, text.indexOf('*/') > 0 ? text.indexOf('*/') : undefined);
  else if (text.startsWith('//')) body = text.split('\n')[0]!.slice(2);
  else return '';
  const lines = body.split('\n').map((l) => l.replace(/^\s*\*+\s?/, '').trim());
  return lines.find((l) => l.length > 0) ?? '';
}

/** Every file under `root`, relative, with `/` (dot-files skipped). */
function listFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, path));
    else out.push(path);
  }
  return out;
}

async function importDefault<T>(root: string, path: string): Promise<T> {
  const module = (await import(pathToFileURL(join(root, path)).href)) as { default?: T };
  if (module.default === undefined) throw new CourseError(`lessons/${path}`, 'has no default export');
  return module.default;
}
