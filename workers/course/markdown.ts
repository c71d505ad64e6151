/**
 * The two content conventions: chapter.md is `# Title` and a paragraph; lesson.md is `# Title`, an optional
 * introduction, then one `## Step title` section per step. Headings inside code fences do not count.
 */
import { CourseError } from './course-error';
import { parsePredictions, type Prediction } from './predictions';

export type { Prediction } from './predictions';

/** One step of a lesson's prose: a `## Step title` section of lesson.md. */
export interface LessonStep {
  title: string;
  markdown: string;
  /** Its ```predict blocks: questions the learner's run answers. */
  predictions: Prediction[];
}

interface Section {
  heading: string;
  body: string[];
}

export function splitSections(text: string, marker: '# ' | '## '): { before: string[]; sections: Section[] } {
  const before: string[] = [];
  const sections: Section[] = [];
  let inFence = false;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && line.startsWith(marker)) {
      sections.push({ heading: line.slice(marker.length).trim(), body: [] });
    } else {
      (sections.at(-1)?.body ?? before).push(line);
    }
  }
  return { before, sections };
}

/** The first paragraph of some markdown, as plain text (for summaries on the course map). */
export function firstParagraph(markdown: string): string {
  const paragraph =
    markdown
      .trim()
      .split(/\n\s*\n/)
      .find((block) => !/^\s*(```|~~~|#|>|\||!\[)/.test(block)) ?? '';
  return (
    paragraph
      .replace(/\s+/g, ' ')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      // Emphasis marks go; an underscore inside a word stays (`note_ok` must not read "noteok").
      .replace(/[*`]/g, '')
      .replace(/(^|[^\w])_+|_+(?=[^\w]|$)/g, '$1')
      .trim()
  );
}

export function parseChapterMarkdown(text: string, file: string): { title: string; summary: string } {
  const { sections } = splitSections(text, '# ');
  const [first] = sections;
  if (!first || !first.heading) throw new CourseError(file, 'must start with "# Chapter title"');
  return { title: first.heading, summary: firstParagraph(first.body.join('\n')) };
}

export function parseLessonMarkdown(
  text: string,
  file: string,
): { title: string; summary: string; steps: LessonStep[] } {
  const top = splitSections(text, '# ');
  const [first, extra] = top.sections;
  if (!first || !first.heading) throw new CourseError(file, 'must start with "# Lesson title"');
  if (extra)
    throw new CourseError(file, `has a second "# ${extra.heading}"; steps are "## Step title" sections`);
  const { before: intro, sections } = splitSections(first.body.join('\n'), '## ');
  const introText = intro.join('\n').trim();
  const steps = sections.map((s) => ({ title: s.heading, markdown: s.body.join('\n').trim() }));
  const [firstStep] = steps;
  if (!firstStep) steps.push({ title: first.heading, markdown: introText });
  else if (introText) firstStep.markdown = `${introText}\n\n${firstStep.markdown}`;
  const untitled = steps.findIndex((s) => !s.title);
  if (untitled >= 0) throw new CourseError(file, `step ${untitled + 1} has an empty "##" heading`);
  return {
    title: first.heading,
    summary: firstParagraph(introText || (steps[0]?.markdown ?? '')),
    steps: steps.map((s) => ({ ...s, predictions: parsePredictions(s.markdown, file, s.title) })),
  };
}
