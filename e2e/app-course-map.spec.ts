/**
 * The course map (home): the book's chapters with their lessons, and the way into a lesson. Monaco is
 * megabytes; it must not load here.
 */
import { expect, test } from '@playwright/test';
import { CourseMap } from './pages/CourseMap';

test.use({ viewport: { width: 1280, height: 800 } });

test('lists the 12 chapters, opens a lesson, and never loads the editor', async ({ page }) => {
  const editorRequests: string[] = [];
  page.on('request', (r) => {
    if (/CodeEditor|editor\.api|ts\.worker|editor\.worker/.test(r.url())) editorRequests.push(r.url());
  });
  const map = new CourseMap(page);
  await map.goto();
  await expect(map.chapters()).toHaveCount(12);
  await expect(map.chapters().first()).toContainText('Introduction');
  await expect(map.lessonLink('request-reply')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/course-map-1280-light.png' });
  expect(editorRequests).toEqual([]);

  await map.lessonLink('request-reply').click();
  await expect(page).toHaveURL(/#\/lesson\/request-reply\/1$/);
  await expect(page.getByTestId('lesson-title')).toHaveText('Request-reply');
});

test('reads well in dark mode at 1920x1080', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.emulateMedia({ colorScheme: 'dark' });
  const map = new CourseMap(page);
  await map.goto();
  await expect(map.chapters()).toHaveCount(12);
  await page.screenshot({ path: 'e2e/screenshots/course-map-1920-dark.png' });
});

test('a deep link opens a lesson step, and progress shows on the map', async ({ page }) => {
  await page.goto('./#/lesson/request-reply/2');
  await expect(page.getByTestId('lesson-page')).toBeVisible();
  await expect(page.getByText(/Step 2 of/)).toBeVisible();
  await page.goto('./#/');
  await expect(new CourseMap(page).lessonLink('request-reply')).toHaveAttribute('data-status', 'in-progress');
});
