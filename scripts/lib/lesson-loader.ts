/**
 * Reads the course from `lessons/` on disk (the Node twin of app/catalog): numbered chapter folders, numbered
 * lesson folders, each validated as it loads. A broken lesson is an error naming its file, never a half-run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RoleSource } from '../../workers/kernel/protocol';
import type { Check, Scenario } from '../../workers/kernel/scenario';

export interface ChapterInfo {
  number: number;
  slug: string;
  title: string;
  summary: string;
}

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

/** A lesson: its prose, its exercise (for every step without one of its own), and its step exercises. */
export interface LessonBundle extends Exercise {
  /** The lesson folder's slug without its number, e.g. `singleton`. */
  id: string;
  dir: string;
  number: number;
  title: string;
  chapter: ChapterInfo;
  markdown: string;
  steps: StepExercise[];
}

/** The exercise of one step: its own, or the lesson's. */
export function exerciseFor(lesson: LessonBundle, step: number | undefined): Exercise {
  return (step !== undefined && lesson.steps.find((s) => s.step === step)) || lesson;
}

const NUMBERED = /^(\d+)-(.+)$/;
export const LESSONS_ROOT = join(import.meta.dirname, '..', '..', 'lessons');

/** Chapter folders in order (chapters without lessons included). */
export function loadChapters(root = LESSONS_ROOT): ChapterInfo[] {
  return numberedDirs(root).map(({ name, number, slug }) => {
    const file = join(root, name, 'chapter.md');
    if (!existsSync(file))
      throw new Error(`${relative(process.cwd(), file)}: missing (every chapter needs one)`);
    const { title, rest } = splitTitle(readFileSync(file, 'utf8'), file);
    return { number, slug, title, summary: rest.trim() };
  });
}

/** Every lesson of the course, in order. Throws on the first invalid one, naming the file. */
export async function loadLessons(root = LESSONS_ROOT): Promise<LessonBundle[]> {
  const lessons: LessonBundle[] = [];
  for (const place of lessonPlaces(root)) lessons.push(await loadLesson(place));
  return lessons;
}

/** One lesson, by id (or by the end of its folder path, e.g. `02-single-node/01-singleton`); only it is loaded. */
export async function findLesson(idOrPath: string, root = LESSONS_ROOT): Promise<LessonBundle | undefined> {
  const wanted = idOrPath.replace(/\/$/, '');
  const place = lessonPlaces(root).find((p) => p.id === wanted || rel(p.dir).endsWith(wanted));
  return place && loadLesson(place);
}

interface LessonPlace {
  dir: string;
  id: string;
  number: number;
  chapter: ChapterInfo;
}

/** Where every lesson is, checking that ids are unique across the course. */
function lessonPlaces(root: string): LessonPlace[] {
  const places: LessonPlace[] = [];
  const seen = new Map<string, string>();
  for (const chapter of loadChapters(root)) {
    const chapterDir = join(root, `${String(chapter.number).padStart(2, '0')}-${chapter.slug}`);
    for (const { name, number, slug } of numberedDirs(chapterDir)) {
      const dir = join(chapterDir, name);
      const previous = seen.get(slug);
      if (previous) throw new Error(`${rel(dir)}: lesson id '${slug}' is already used by ${previous}`);
      seen.set(slug, rel(dir));
      places.push({ dir, id: slug, number, chapter });
    }
  }
  return places;
}

async function loadLesson({ dir, id, number, chapter }: LessonPlace): Promise<LessonBundle> {
  if (!existsSync(join(dir, 'lesson.md'))) throw new Error(`${rel(join(dir, 'lesson.md'))}: missing`);
  const markdown = readFileSync(join(dir, 'lesson.md'), 'utf8');
  const { title } = splitTitle(markdown, join(dir, 'lesson.md'));
  const lessonExercise = await loadExercise(dir, dir, undefined);
  if (lessonExercise.scenario.id !== id) {
    throw new Error(
      `${rel(join(dir, 'scenario.ts'))}: id is '${lessonExercise.scenario.id}' but the folder says '${id}'`,
    );
  }
  const stepCount = (markdown.match(/^## /gm) ?? []).length;
  const steps: StepExercise[] = [];
  for (const step of stepFolders(dir)) {
    if (step < 1 || step > stepCount) {
      throw new Error(
        `${rel(join(dir, 'steps', String(step)))}: lesson.md has ${stepCount} steps, so there is no step ${step}`,
      );
    }
    steps.push({
      step,
      ...(await loadExercise(join(dir, 'steps', String(step)), dir, lessonExercise.scenario)),
    });
  }
  return { id, dir, number, title, chapter, markdown, ...lessonExercise, steps };
}

/**
 * One exercise: a scenario, its checks, the starter and the reference solution. A step's folder overrides
 * the lesson's files one by one: its own scenario.ts or the lesson's, its own roles/x.ts or the lesson's;
 * a role the step has no solution for is solved by its starter (the step does not ask to change it).
 */
async function loadExercise(
  dir: string,
  lessonDir: string,
  lessonScenario: Scenario | undefined,
): Promise<Exercise> {
  if (!existsSync(join(dir, 'checks.ts'))) throw new Error(`${rel(join(dir, 'checks.ts'))}: missing`);
  const ownScenario = existsSync(join(dir, 'scenario.ts'));
  if (!ownScenario && !lessonScenario) throw new Error(`${rel(join(dir, 'scenario.ts'))}: missing`);
  const scenarioFile = join(ownScenario ? dir : lessonDir, 'scenario.ts');
  const scenarioData = ownScenario ? await importDefault<Scenario>(scenarioFile) : lessonScenario!;
  const checks = await importDefault<Check[]>(join(dir, 'checks.ts'));
  if (!Array.isArray(checks) || checks.some((c) => typeof c?.check !== 'function')) {
    throw new Error(`${rel(join(dir, 'checks.ts'))}: the default export must be an array of checks`);
  }
  const starter: RoleSource[] = [];
  const solution: RoleSource[] = [];
  for (const [role, spec] of Object.entries(scenarioData.roles)) {
    const code = [join(dir, spec.file), join(lessonDir, spec.file)].find((f) => existsSync(f));
    if (!code)
      throw new Error(`${rel(scenarioFile)}: role '${role}' names ${spec.file}, which does not exist`);
    const source: RoleSource = { role, file: spec.file, source: readFileSync(code, 'utf8') };
    starter.push(source);
    const solutionFile = join(dir, 'solution', spec.file.replace(/^roles\//, ''));
    solution.push(
      existsSync(solutionFile) ? { ...source, source: readFileSync(solutionFile, 'utf8') } : source,
    );
  }
  const broken = loadBroken(dir, lessonDir, scenarioData, solution);
  return { scenario: { ...scenarioData, checks }, starter, solution, broken };
}

/** `broken/<role>-<bug>.ts`: the role is the longest role name the file name starts with. */
function loadBroken(
  dir: string,
  lessonDir: string,
  scenario: Scenario,
  solution: RoleSource[],
): BrokenVariant[] {
  const brokenDir = join(dir, 'broken');
  if (!existsSync(brokenDir)) return [];
  const roles = Object.keys(scenario.roles).sort((a, b) => b.length - a.length);
  return readdirSync(brokenDir)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => {
      const path = join(brokenDir, name);
      const role = roles.find((r) => name.startsWith(`${r}-`));
      if (!role)
        throw new Error(`${rel(path)}: name it <role>-<bug>.ts after one of the roles (${roles.join(', ')})`);
      const source = readFileSync(path, 'utf8');
      const bug = headerComment(source);
      if (!bug) throw new Error(`${rel(path)}: start it with a comment saying the bug`);
      return {
        file: relative(lessonDir, path),
        role,
        bug,
        roles: solution.map((r) => (r.role === role ? { ...r, source } : r)),
      };
    });
}

/** The step numbers that have their own exercise folder (`steps/<n>/`). */
function stepFolders(dir: string): number[] {
  const stepsDir = join(dir, 'steps');
  if (!existsSync(stepsDir)) return [];
  return readdirSync(stepsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      if (!/^\d+$/.test(d.name))
        throw new Error(`${rel(join(stepsDir, d.name))}: step folders are named by number (steps/2)`);
      return Number(d.name);
    })
    .sort((x, y) => x - y);
}

async function importDefault<T>(file: string): Promise<T> {
  const module = (await import(pathToFileURL(file).href)) as { default?: T };
  if (module.default === undefined) throw new Error(`${rel(file)}: has no default export`);
  return module.default;
}

function numberedDirs(root: string): { name: string; number: number; slug: string }[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && NUMBERED.test(d.name))
    .map((d) => {
      const [, number, slug] = NUMBERED.exec(d.name)!;
      return { name: d.name, number: Number(number), slug: slug! };
    })
    .sort((a, b) => a.number - b.number);
}

function splitTitle(markdown: string, file: string): { title: string; rest: string } {
  const match = /^#\s+(.+)$/m.exec(markdown);
  if (!match) throw new Error(`${rel(file)}: needs a '# Title' line`);
  return { title: match[1]!.trim(), rest: markdown.slice(match.index + match[0].length) };
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

function rel(path: string): string {
  return relative(process.cwd(), path) || path;
}
