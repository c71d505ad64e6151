import type { ScenarioData } from '../../workers/host/control-api';

/** One step of a lesson's prose: a `## Step title` section of lesson.md. */
export interface LessonStep {
  title: string;
  markdown: string;
}

/** A role of a lesson, as the editor tabs and the graph legend show it. */
export interface LessonRole {
  role: string;
  /** Path inside the lesson, e.g. `roles/server.ts`. */
  file: string;
  editable: boolean;
  description?: string;
  hasSolution: boolean;
}

export interface LessonEntry {
  /** The folder slug without its number, unique across the course: `request-reply`. */
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

/** A content mistake, always naming the file to fix. */
export class CatalogError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'CatalogError';
  }
}
