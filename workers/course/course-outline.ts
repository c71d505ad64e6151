/**
 * What the course map shows of the course: chapters and their lessons' titles, summaries and step counts,
 * and nothing else. It is cut from the parsed course (parse-course.ts, the one reader of the folder rules)
 * at build time (scripts/course-outline.ts, served to the app as `virtual:course-outline` by vite.config.ts),
 * so the map's bundle carries a few kilobytes of titles instead of every lesson's prose and scenario.
 */
export interface LessonOutline {
  id: string;
  number: number;
  title: string;
  /** The first paragraph of the lesson, in plain text. */
  summary: string;
  stepCount: number;
}

export interface ChapterOutline {
  id: string;
  number: number;
  title: string;
  summary: string;
  lessons: LessonOutline[];
}

export interface CourseOutline {
  chapters: ChapterOutline[];
}

/** The parsed course (parse-course.ts) or the app's catalog built from it: what both have in common. */
interface OutlineSource {
  chapters: readonly (Omit<ChapterOutline, 'lessons'> & {
    lessons: readonly (Omit<LessonOutline, 'stepCount'> & { steps: readonly unknown[] })[];
  })[];
}

export function outlineOf(course: OutlineSource): CourseOutline {
  return {
    chapters: course.chapters.map((chapter) => ({
      id: chapter.id,
      number: chapter.number,
      title: chapter.title,
      summary: chapter.summary,
      lessons: chapter.lessons.map((lesson) => ({
        id: lesson.id,
        number: lesson.number,
        title: lesson.title,
        summary: lesson.summary,
        stepCount: lesson.steps.length,
      })),
    })),
  };
}
