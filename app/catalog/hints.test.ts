import { describe, expect, it } from 'vitest';
import { getCatalog } from './catalog';
import { hintsFor, parseHints } from './hints';

describe('parseHints', () => {
  it('reads one hint per "## " section, in order, ignoring headings in code fences', () => {
    const hints = parseHints(
      '## A nudge\n\nLook.\n\n## The key line\n\n```ts\n## not a hint\n```\n',
      'x/hints.md',
    );
    expect(hints.map((h) => h.title)).toEqual(['A nudge', 'The key line']);
    expect(hints[1]?.markdown).toContain('## not a hint');
  });

  it('names the file when a hint is empty or text is outside a section', () => {
    expect(() => parseHints('## A nudge\n\n## Idea\n\nx', 'l/hints.md')).toThrow('l/hints.md: hint 1');
    expect(() => parseHints('intro\n## A\n\nx', 'l/hints.md')).toThrow('l/hints.md: text before');
  });
});

describe('every exercise has hints in three tiers', () => {
  const exercises = getCatalog().chapters.flatMap((c) =>
    c.lessons.flatMap((l) => [l, ...l.stepExercises.values()]),
  );
  for (const exercise of exercises) {
    it(exercise.id, () => {
      expect(hintsFor(exercise).map((h) => h.title)).toEqual(['A nudge', 'The key idea', 'The key line']);
    });
  }
});
