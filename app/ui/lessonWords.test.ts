import { describe, expect, it } from 'vitest';
import { getCatalog } from '../catalog/catalog';
import { exerciseAt } from '../catalog/types';
import { checkSeedsOf } from '../../workers/kernel/scenario';
import { lessonWordProblems } from './lessonWords';

describe('lessonWordProblems', () => {
  it('catches the words that once misled learners', () => {
    const old =
      'Press play. Look at the space-time diagram. Add latency, say 500 ms. Press **Check** to run it over 50 seeds. Press Go.';
    const problems = lessonWordProblems(old, { checkSeedCount: 10 });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/Press play/);
    expect(problems.join('\n')).toMatch(/space-time diagram/);
    expect(problems.join('\n')).toMatch(/500 ms/);
    expect(problems.join('\n')).toMatch(/Check runs 10 seeds/);
    expect(problems.join('\n')).toMatch(/no control is labelled "Go"/);
  });

  it('accepts the UI’s own words', () => {
    const good =
      'Press **Run**, then **Step**. Open the **Sequence** tab. Pick 250 ms under **Latency**. Press Check to run it over 10 seeds.';
    expect(lessonWordProblems(good, { checkSeedCount: 10 })).toEqual([]);
  });
});

describe('every lesson speaks the UI’s words', () => {
  for (const chapter of getCatalog().chapters) {
    for (const lesson of chapter.lessons) {
      it(lesson.id, () => {
        const problems = lesson.steps.flatMap((step, i) =>
          lessonWordProblems(step.markdown, {
            checkSeedCount: checkSeedsOf(exerciseAt(lesson, i + 1).scenario).length,
          }).map((p) => `step ${i + 1} (${step.title}): ${p}`),
        );
        expect(problems).toEqual([]);
      });
    }
  }
});
