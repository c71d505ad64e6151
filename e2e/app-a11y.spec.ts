/**
 * Accessibility: axe finds no violations on the course map and on a lesson page (paused on a run, with the
 * editor open), in light and dark; and with reduced motion asked for, messages do not fly.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CourseMap } from './pages/CourseMap';
import { LessonPage } from './pages/LessonPage';

test.use({ viewport: { width: 1280, height: 800 } });

async function violations(page: Page) {
  const result = await new AxeBuilder({ page })
    // Monaco's own DOM is a third-party widget with its own accessibility mode (Alt+F1 / screen reader mode).
    .exclude('.monaco-editor')
    .analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the course map is axe-clean (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const map = new CourseMap(page);
    await map.goto();
    await expect(map.chapters()).toHaveCount(12);
    expect(await violations(page)).toEqual([]);
  });

  test(`a lesson page is axe-clean (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const lesson = new LessonPage(page);
    await lesson.goto('request-reply');
    await lesson.setSpeed('1×');
    await lesson.runUntil(1500);
    await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
    expect(await violations(page)).toEqual([]);
    await page.getByTestId('tab-sequence').click();
    expect(await violations(page)).toEqual([]);
    await page.getByTestId('tab-checks').click();
    expect(await violations(page)).toEqual([]);
  });
}

test('reduced motion: no transitions when the OS asks for less motion', async ({ page }) => {
  const lesson = new LessonPage(page);
  const duration = () =>
    page.getByTestId('run-button').evaluate((el) => getComputedStyle(el).transitionDuration);
  await lesson.goto('request-reply');
  expect(await duration()).not.toMatch(/^0s(, 0s)*$/);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect.poll(duration).toMatch(/^0s(, 0s)*$/);
});
