/**
 * A step with an exercise of its own (lessons/.../steps/<n>/): moving to it swaps the code, the run and the
 * checks for that step's, and moving back restores the lesson's.
 */
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';

const LESSON = 'sidecar-ambassador-adapter';
// The step's checks are what this test is about, not their seeds: three are enough to show them (the
// browser's default of 50 is app-check-pool's).
test.describe.configure({ timeout: 150_000 });

test("a step's own exercise brings its own roles, code and checks", async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.useCheckSeeds(3);

  // Step 1 uses the lesson's exercise: no intruder in this system.
  await lesson.goto(LESSON, 1);
  await expect(page.getByTestId('role-tab-sidecar')).toBeVisible();
  await expect(page.getByTestId('role-tab-intruder')).toHaveCount(0);

  // Step 2 (the sidecar) has its own scenario with an intruder, and its own checks.
  await lesson.goto(LESSON, 2);
  await expect(page.getByTestId('role-tab-intruder')).toBeVisible();
  await expect.poll(async () => (await lesson.api('nodes')).map((n) => n.id)).toContain('intruder');
  await page.getByTestId('check-button').click();
  const results = page.getByTestId('check-results');
  await expect(results).toContainText('only lookups with an accepted token reach the app', {
    timeout: 90_000,
  });
  await expect(results).toContainText(/checks failed/);

  // Back to step 1: the lesson's system again.
  await lesson.goto(LESSON, 1);
  await expect(page.getByTestId('role-tab-intruder')).toHaveCount(0);
  await expect.poll(async () => (await lesson.api('nodes')).map((n) => n.id)).not.toContain('intruder');
});
