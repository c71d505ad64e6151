/** An in-memory course for parser tests: files by path (from `lessons/`), scenarios as objects. */
import type { CourseFiles } from './parse-course';

export function memoryCourse(files: Record<string, string | object>): CourseFiles {
  return {
    paths: Object.keys(files),
    text: (path) => {
      const text = files[path];
      if (typeof text !== 'string') throw new Error(`test: ${path} is not text`);
      return text;
    },
    scenario: (path) => files[path],
  };
}

export const chapterMd = '# Messaging patterns\n\nHow nodes talk without waiting on each other.\n';
export const lessonMd =
  '# Request and reply\n\nA client asks, a server answers.\n\n## Run it\n\nPress Run.\n\n## Change it\n\n```md\n## not a step\n```\n';
export const L = '07-messaging/03-request-reply';

/** A minimal valid course: one chapter, one lesson with a server role. */
export function minimalCourse(over: Record<string, string | object | undefined> = {}): CourseFiles {
  const files: Record<string, string | object | undefined> = {
    '07-messaging/chapter.md': chapterMd,
    [`${L}/lesson.md`]: lessonMd,
    [`${L}/scenario.ts`]: { until: 1000, roles: { server: {} } },
    [`${L}/checks.ts`]: '',
    [`${L}/roles/server.ts`]: '',
    ...over,
  };
  return memoryCourse(
    Object.fromEntries(Object.entries(files).filter(([, v]) => v !== undefined)) as Record<
      string,
      string | object
    >,
  );
}
