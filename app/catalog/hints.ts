/**
 * Hints per exercise, in tiers (a nudge, the key idea, the key line): `hints.md` beside the exercise's
 * checks.ts (the lesson folder, or `steps/<n>/`), one `## Tier title` section per tier, easiest first.
 *
 * The course parser finds the file (`hintsPath`) and the catalog hands its text in (`hintsText`): this module
 * only reads the tiers.
 */
import type { LessonEntry } from './types';
import { splitSections } from '../../workers/course/markdown';
import { CatalogError } from './types';

export interface Hint {
  title: string;
  markdown: string;
}

/** Parse a hints.md; `file` names it in errors. */
export function parseHints(text: string, file: string): Hint[] {
  const { before, sections } = splitSections(text, '## ');
  if (before.join('').trim())
    throw new CatalogError(
      file,
      'text before the first "## " heading: every hint is a "## Tier title" section',
    );
  const hints = sections.map((s) => ({ title: s.heading, markdown: s.body.join('\n').trim() }));
  if (hints.length === 0) throw new CatalogError(file, 'has no "## " hint sections');
  const empty = hints.findIndex((h) => !h.title || !h.markdown);
  if (empty >= 0) throw new CatalogError(file, `hint ${empty + 1} has an empty title or text`);
  return hints;
}

const parsed = new Map<string, Hint[]>();

/** The hints of an exercise, easiest first (empty when it has none). */
export function hintsFor(exercise: Pick<LessonEntry, 'exerciseDir' | 'hintsText'>): Hint[] {
  if (exercise.hintsText === undefined) return [];
  let hints = parsed.get(exercise.exerciseDir);
  if (!hints)
    parsed.set(
      exercise.exerciseDir,
      (hints = parseHints(exercise.hintsText, `lessons/${exercise.exerciseDir}/hints.md`)),
    );
  return hints;
}
