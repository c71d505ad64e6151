/**
 * Accessibility: axe finds no violations on the course map and on a lesson page (paused on a run, with the
 * editor open), in light and dark; and with reduced motion asked for, messages do not fly.
 */
import { expect, test } from '@playwright/test';
import { violationsInBothSchemes } from './pages/axe';
import { CourseMap } from './pages/CourseMap';
import { LessonPage } from './pages/LessonPage';

test.use({ viewport: { width: 1280, height: 800 } });

test('the course map is axe-clean (light and dark)', async ({ page }) => {
  const map = new CourseMap(page);
  await map.goto();
  await expect(map.chapters()).toHaveCount(12);
  expect(await violationsInBothSchemes(page)).toEqual([]);
});

test('a lesson page is axe-clean (light and dark)', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto('request-reply');
  await lesson.setSpeed('1×');
  await lesson.runUntil(1500);
  await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  expect(await violationsInBothSchemes(page)).toEqual([]);
  await page.getByTestId('tab-sequence').click();
  expect(await violationsInBothSchemes(page)).toEqual([]);
  await page.getByTestId('tab-checks').click();
  expect(await violationsInBothSchemes(page)).toEqual([]);
});

test('reduced motion: no transitions when the OS asks for less motion', async ({ page }) => {
  const lesson = new LessonPage(page);
  const duration = () =>
    page.getByTestId('run-button').evaluate((el) => getComputedStyle(el).transitionDuration);
  await lesson.goto('request-reply');
  expect(await duration()).not.toMatch(/^0s(, 0s)*$/);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect.poll(duration).toMatch(/^0s(, 0s)*$/);
});
