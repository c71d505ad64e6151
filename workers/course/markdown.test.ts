import { describe, expect, it } from 'vitest';
import { firstParagraph } from './markdown';

describe('firstParagraph', () => {
  it('drops emphasis and code marks but keeps underscores inside words', () => {
    expect(firstParagraph('Answers with `note_ok`, _quickly_ and **twice**.\n\nMore.')).toBe(
      'Answers with note_ok, quickly and twice.',
    );
  });
});
