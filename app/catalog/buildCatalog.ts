/**
 * The course as the app shows it: the one course parser's result (workers/course/parse-course.ts, which the
 * CLIs use too) turned into the entries the pages and the editor read. Broken content fails loudly there,
 * naming the file (the error screen shows it).
 */
import {
  parseCourse,
  type CourseExercise,
  type CourseFiles,
  type CourseLesson,
} from '../../workers/course/parse-course';
import type { Catalog, ChapterEntry, LessonEntry } from './types';

export function buildCatalog(files: CourseFiles): Catalog {
  const course = parseCourse(files);
  const text = (path: string | undefined) => (path === undefined ? undefined : files.text(path));
  const lessonById = new Map<string, LessonEntry>();
  const chapters: ChapterEntry[] = course.chapters.map((chapter) => ({
    id: chapter.id,
    number: chapter.number,
    folder: chapter.folder,
    title: chapter.title,
    summary: chapter.summary,
    lessons: chapter.lessons.map((lesson) => {
      const entry = lessonEntry(lesson, chapter.id, text);
      lessonById.set(entry.id, entry);
      return entry;
    }),
  }));
  return { chapters, lessonById };
}

type ReadText = (path: string | undefined) => string | undefined;

function lessonEntry(lesson: CourseLesson, chapterId: string, text: ReadText): LessonEntry {
  const entry = exerciseEntry(lesson, chapterId, lesson.exercise, text);
  const steps = new Map<number, LessonEntry>();
  for (const [step, exercise] of lesson.stepExercises) {
    steps.set(step, { ...exerciseEntry(lesson, chapterId, exercise, text), stepExercises: steps });
  }
  entry.stepExercises = steps;
  return entry;
}

function exerciseEntry(
  lesson: CourseLesson,
  chapterId: string,
  exercise: CourseExercise,
  text: ReadText,
): LessonEntry {
  const hintsText = text(exercise.hintsPath);
  return {
    ...(hintsText !== undefined ? { hintsText } : {}),
    id: exercise.id,
    number: lesson.number,
    chapterId,
    folder: lesson.folder,
    title: lesson.title,
    summary: lesson.summary,
    steps: lesson.steps,
    scenario: exercise.scenario,
    roles: exercise.roles.map((r) => ({
      role: r.role,
      file: r.file,
      editable: r.editable,
      description: r.description,
      hasSolution: r.solution !== undefined,
    })),
    codeDirs: exercise.codeDirs,
    exerciseDir: exercise.dir,
    scenarioPath: exercise.scenarioPath,
    checksPath: exercise.checksPath,
    stepExercises: new Map(),
  };
}
