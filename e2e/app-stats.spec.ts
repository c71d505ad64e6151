/**
 * The Stats tab: after Check, each budget of the exercise shows the learner's worst seed beside its target
 * and the reference's figure; the personal best is kept in IndexedDB and is there after a reload.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LessonPage, QUICK_CHECK_SEEDS } from './pages/LessonPage';

test('Stats: budgets beside target and reference, and a personal best that survives a reload', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const lesson = new LessonPage(page);
  await lesson.useCheckSeeds(QUICK_CHECK_SEEDS);
  await lesson.goto('request-reply');
  await page.getByTestId('tab-stats').click();
  await expect(page.getByTestId('stats-empty')).toContainText('Press Check');

  await page.getByTestId('check-button').click();
  await expect(page.getByTestId('check-results')).toBeVisible({ timeout: 150_000 });
  await page.getByTestId('tab-stats').click();
  const rows = page.getByTestId('stats-row');
  await expect(rows).toHaveCount(2);
  const first = rows.filter({ hasText: 'attempts per deposit' });
  await expect(first.getByTestId('stats-target')).toHaveText(/^at most \d/);
  await expect(first.getByTestId('stats-reference')).toHaveText(/^\d/);
  // The first Check is the best so far: the best is the run's own worst figure.
  const yours = (await first.getByTestId('stats-yours').innerText()).match(/^[✓✕]\s*([\d.]+)/)?.[1];
  expect(yours).toBeDefined();
  await expect(first.getByTestId('stats-best')).toHaveText(yours!);

  const axe = await new AxeBuilder({ page }).include('[data-testid="panel-stats"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [w, h] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await lesson.screenshot(`stats-${w}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(
    (await new AxeBuilder({ page }).include('[data-testid="panel-stats"]').analyze()).violations,
  ).toEqual([]);

  // Reloaded: no Check yet, and the best is still there, read from IndexedDB.
  await page.reload();
  await expect(page.getByTestId('lesson-page')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('tab-stats').click();
  await expect(page.getByTestId('stats-bests')).toContainText(`attempts per deposit: ${yours}`);
});
