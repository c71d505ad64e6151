import { describe, expect, it } from 'vitest';
import { L, minimalCourse } from './course-files.test-helper';
import { parseCourse } from './parse-course';
import { parsePredictions } from './predictions';

const fence = '```';
const lesson = (block: string) =>
  `# Request and reply\n\n## Run it\n\nPress Run.\n\n${fence}predict\n${block}\n${fence}\n\nMore.\n`;

describe('predict blocks', () => {
  it('a step gets its questions, with the function that answers them and the tolerance', () => {
    const course = parseCourse(
      minimalCourse({
        [`${L}/lesson.md`]: lesson('How many of the 30 notes arrive?\nanswer: notesKept\nwithin: 2'),
      }),
    );
    expect(course.lessons.get('request-reply')!.steps[0]!.predictions).toEqual([
      { question: 'How many of the 30 notes arrive?', answer: 'notesKept', within: 2 },
    ]);
  });

  it('within defaults to 0; other fences (even ones holding "predict") are not questions', () => {
    const md = `${fence}ts\nconst x = 1;\n${fence}\n${fence}md\n${fence}\n${fence}predict\nHow many?\nanswer: n\n${fence}`;
    expect(parsePredictions(md, 'f', 's')).toEqual([{ question: 'How many?', answer: 'n', within: 0 }]);
    expect(parsePredictions('no blocks here', 'f', 's')).toEqual([]);
  });

  it.each([
    ['How many?', 'has no "answer:" line'],
    ['answer: n', 'has no question'],
    ['How many?\nanswer: 30', '"answer: 30" must name a function'],
    ['How many?\nanswer: n\nwithin: -1', '"within: -1" must be a number >= 0'],
    ['How many?\nanswer: n\nanswer: m', 'says "answer:" twice'],
  ])('a malformed block fails loudly, naming the file and the step: %j', (block, problem) => {
    const parse = () => parseCourse(minimalCourse({ [`${L}/lesson.md`]: lesson(block) }));
    expect(parse).toThrow(`lessons/${L}/lesson.md: `);
    expect(parse).toThrow('step "Run it"');
    expect(parse).toThrow(problem);
  });

  it('an unclosed block fails, naming the file', () => {
    expect(() =>
      parseCourse(
        minimalCourse({ [`${L}/lesson.md`]: `# T\n\n## Run it\n\n${fence}predict\nHow?\nanswer: n\n` }),
      ),
    ).toThrow(`lessons/${L}/lesson.md: step "Run it": a predict block is never closed`);
  });
});
