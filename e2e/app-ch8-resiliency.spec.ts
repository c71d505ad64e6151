/**
 * Chapter 8 in the browser: a lesson's starter fails its checks under Check (CHAPTER_CHECK_SEEDS seeds, drawn faults: see LessonPage), and
 * the reference solution, pasted into the editor, passes them all.
 */
import { expect, test } from '@playwright/test';
import { CHAPTER_CHECK_SEEDS, LessonPage } from './pages/LessonPage';
import { lessonFile } from './pages/source';

const LESSONS = [
  {
    id: 'bulkhead',
    dir: '08-resiliency/01-bulkhead',
    fails: 'the other’s requests keep succeeding',
    end: 'been slow.',
  },
  {
    id: 'circuit-breaker',
    dir: '08-resiliency/02-circuit-breaker',
    fails: 'at most one call per 1000 ms',
    end: 'a failure neither.',
  },
];

for (const { id, dir, fails, end } of LESSONS) {
  test(`${id}: the starter fails Check, the solution passes it`, async ({ page }) => {
    test.setTimeout(300_000);
    const lesson = new LessonPage(page);
    await lesson.useCheckSeeds(CHAPTER_CHECK_SEEDS);
    await lesson.goto(id);
    const results = page.getByTestId('check-results');

    await page.getByTestId('check-button').click();
    await expect(results).toContainText(/checks failed/, { timeout: 120_000 });
    await expect(results).toContainText(fails);

    // The editor shows the end of the pasted file.
    await lesson.replaceCode('gateway', lessonFile(`${dir}/solution/gateway.ts`), end);
    await page.getByTestId('check-button').click();
    await expect(results).toContainText(
      new RegExp(`All \\d+ checks passed on ${CHAPTER_CHECK_SEEDS} seeds`),
      { timeout: 120_000 },
    );
  });
}
