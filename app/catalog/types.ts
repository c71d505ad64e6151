import type { ScenarioData } from '../../workers/host/control-api';

import type { LessonStep } from '../../workers/course/parse-course';

export type { LessonStep };

/** A role of a lesson, as the editor tabs and the graph legend show it. */
export interface LessonRole {
  role: string;
  /** Path inside the lesson, e.g. `roles/server.ts`. */
  file: string;
  editable: boolean;
  description?: string;
  hasSolution: boolean;
}

/**
 * The lesson as one exercise sees it. A step with an exercise of its own (`steps/<n>/` in the lesson
 * folder) gets an entry whose `id` is `<lesson>/step-<n>` (so its saved edits and checks are its own),
 * whose scenario and roles are that step's, and whose code is looked up in `codeDirs` in order.
 */
export interface LessonEntry {
  /** The folder slug without its number, unique across the course: `request-reply` (`request-reply/step-2` for a step's exercise). */
  id: string;
  /** 1-based position in its chapter. */
  number: number;
  chapterId: string;
  /** Folder under `lessons/`, e.g. `07-messaging/03-request-reply`. */
  folder: string;
  title: string;
  /** The first paragraph of the lesson, in plain text. */
  summary: string;
  steps: LessonStep[];
  scenario: ScenarioData;
  roles: LessonRole[];
  /** Folders under `lessons/` holding this exercise's code, most specific first (a step's, then the lesson's). */
  codeDirs: string[];
  /** Folder under `lessons/` holding this exercise's checks.ts. */
  exerciseDir: string;
  /** Paths under `lessons/` of the exercise's scenario (its own or its lesson's) and checks. */
  scenarioPath: string;
  checksPath: string;
  /** The exercise's `hints.md`, as text (read by the course parser's rules), if it has one. */
  hintsText?: string;
  /** Steps (1-based) with an exercise of their own, as lesson entries of their own. */
  stepExercises: ReadonlyMap<number, LessonEntry>;
}

/**
 * What the run view and the editor need of an exercise: its id (saved code, speed), folder (editor file
 * names), scenario and roles, and where its solution lives. A lesson's exercise is one; so is a sandbox
 * (`app/sandbox/buildSandbox.ts`), whose scenario the learner writes and which has no solution.
 */
export type RunnableExercise = Pick<LessonEntry, 'id' | 'folder' | 'scenario' | 'roles' | 'codeDirs'>;

/** The entry for the exercise of a step: the step's own, or the lesson's. */
export function exerciseAt(lesson: LessonEntry, step: number): LessonEntry {
  return lesson.stepExercises.get(step) ?? lesson;
}

export interface ChapterEntry {
  id: string;
  number: number;
  folder: string;
  title: string;
  summary: string;
  lessons: LessonEntry[];
}

export interface Catalog {
  chapters: ChapterEntry[];
  lessonById: ReadonlyMap<string, LessonEntry>;
}

/** A content mistake, always naming the file to fix (the course parser's error). */
export { CourseError as CatalogError } from '../../workers/course/parse-course';
