import { describe, expect, it } from 'vitest';
import { parseMoments, renderLessonMarkdown } from './lessonMarkdown';

describe('lesson markdown', () => {
  it('turns a ```moment block into buttons that carry the time and the nodes', () => {
    const html = renderLessonMarkdown('Text.\n\n```moment\n4000 | server | The server <crashes>.\n```\n');
    expect(html).toContain('data-moment-t="4000"');
    expect(html).toContain('data-moment-nodes="server"');
    expect(html).toContain('<strong>4 s</strong> The server &lt;crashes&gt;.');
  });

  it('leaves other code blocks alone', () => {
    expect(renderLessonMarkdown('```ts\nconst a = 1;\n```')).toContain('<code class="language-ts">');
  });

  it('reads several nodes, and refuses a malformed line', () => {
    expect(parseMoments('3000 | candidate-1, lock | cut off')).toEqual([
      { t: 3000, nodes: ['candidate-1', 'lock'], text: 'cut off' },
    ]);
    expect(() => parseMoments('soon | server | crash')).toThrow('a moment is');
  });

  it('leaves a numbered slot for each ```predict block, counted from 0 in every render', () => {
    const md = 'A\n\n```predict\nHow many?\nanswer: n\n```\n\nB\n\n```predict\nAnd?\nanswer: m\n```\n';
    const html = renderLessonMarkdown(md);
    expect(html).toContain('<div class="predict-slot" data-predict="0"></div>');
    expect(html).toContain('<div class="predict-slot" data-predict="1"></div>');
    expect(html).not.toContain('How many?');
    expect(renderLessonMarkdown(md)).toBe(html);
  });
});
