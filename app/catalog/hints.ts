/**
 * Hints per exercise, in tiers (a nudge, the key idea, the key line): `hints.md` beside the exercise's
 * checks.ts (the lesson folder, or `steps/<n>/`), one `## Tier title` section per tier, easiest first.
 *
 * Kept apart from buildCatalog on purpose (the course loader is being replaced by one shared parser): this
 * module only needs an exercise's `exerciseDir`, so it ports to the new loader as one glob and one call.
 */
import type { LessonEntry } from './types';
import { splitSections } from '../../workers/course/markdown';
import { CatalogError } from './types';

export interface Hint {
  title: string;
  markdown: string;
}

const hintDocs = import.meta.glob<string>(['/lessons/*/*/hints.md', '/lessons/*/*/steps/*/hints.md'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

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
export function hintsFor(exercise: Pick<LessonEntry, 'exerciseDir'>): Hint[] {
  const path = `/lessons/${exercise.exerciseDir}/hints.md`;
  const text = hintDocs[path];
  if (text === undefined) return [];
  let hints = parsed.get(path);
  if (!hints) parsed.set(path, (hints = parseHints(text, path.slice(1))));
  return hints;
}
