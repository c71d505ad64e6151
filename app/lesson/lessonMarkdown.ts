/**
 * Lesson prose to HTML, with the lesson page's own blocks. A fenced block ```moment lists narrated moments
 * of the run, one a line: `<ms> | <nodes, comma-separated> | <what to see>`. Each becomes a button that
 * seeks the run there and selects the nodes (LessonProse handles the clicks). A ```predict block (parsed by
 * the course parser, `workers/course/predictions.ts`) becomes an empty slot, `data-predict="<n>"` in the
 * step's order, where LessonProse mounts the question.
 */
import { Marked, type Tokens } from 'marked';

export interface Moment {
  t: number;
  nodes: string[];
  text: string;
}

/** The moments of one ```moment block; a line that is not `<ms> | <nodes> | <text>` is an author's mistake. */
export function parseMoments(block: string): Moment[] {
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [t, nodes, ...text] = line.split('|').map((part) => part.trim());
      const ms = Number(t);
      if (!Number.isFinite(ms) || ms < 0 || text.length === 0)
        throw new Error(`a moment is "<ms> | <nodes> | <text>", not "${line}"`);
      return {
        t: ms,
        nodes: (nodes ?? '')
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
        text: text.join(' | '),
      };
    });
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const formatAt = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

let predictSlots = 0;

const marked = new Marked({
  renderer: {
    code(token: Tokens.Code): string | false {
      if (token.lang === 'predict')
        return `<div class="predict-slot" data-predict="${predictSlots++}"></div>`;
      if (token.lang !== 'moment') return false;
      const items = parseMoments(token.text).map(
        (m) =>
          `<li><button type="button" class="moment" data-moment-t="${m.t}" data-moment-nodes="${escape(m.nodes.join(','))}">` +
          `<strong>${formatAt(m.t)}</strong> ${escape(m.text)}</button></li>`,
      );
      return `<ol class="moments" aria-label="Moments of the run">${items.join('')}</ol>`;
    },
  },
});

/** Lesson prose is our own content, bundled at build time: rendering its HTML is safe. */
export function renderLessonMarkdown(markdown: string): string {
  predictSlots = 0;
  return marked.parse(markdown, { async: false });
}

/** One line of our own prose (a predict question) to inline HTML. */
export function renderInlineMarkdown(text: string): string {
  return marked.parseInline(text, { async: false });
}
