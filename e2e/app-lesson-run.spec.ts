/**
 * A lesson in the browser, end to end: the run happens in real Workers, the trace reaches the page, and the
 * graph and console show it; the browser's trace hash equals the headless CLI's for the same seed.
 */
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';
import { simTraceHash } from './pages/source';

// The smallest screen we design for; tests that check the big one set their own size.
test.use({ viewport: { width: 1280, height: 800 } });

const LESSON = 'request-reply';

test('run: messages are delivered, the graph and the console show them', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await expect(lesson.node('server')).toBeVisible();
  await expect(lesson.node('client')).toBeVisible();
  await lesson.setSpeed('1×');
  await lesson.run();

  await expect
    .poll(async () => (await lesson.trace()).filter((e) => e.kind === 'deliver').length, { timeout: 30_000 })
    .toBeGreaterThan(2);
  // A link is drawn once messages travel it, and the client logs the replies it got.
  await expect(lesson.graph.locator('.ng-link-line')).not.toHaveCount(0);
  await expect(await lesson.console()).toContainText(/deposit #1 of \d+: balance \d+/);
  await page.screenshot({ path: 'e2e/screenshots/lesson-running-1280-light.png' });

  await lesson.pause();
  const pausedAt = await lesson.api('cursor');
  await page.keyboard.press('.');
  // Stepping may first ask the kernel for the next event: allow a slow machine time for that.
  await expect.poll(() => lesson.api('cursor'), { timeout: 30_000 }).toBeGreaterThan(pausedAt);
});

test('the trace hash in the browser equals `npm run sim -- request-reply --seed 7 --json`', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.setSeed(7);
  await expect.poll(() => lesson.api('seed')).toBe(7);
  await lesson.runToEnd();
  const browserHash = await lesson.api('traceHash');
  expect(browserHash).toBe(simTraceHash(LESSON, 7));
});

test('dark mode at 1920x1080 while running', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.emulateMedia({ colorScheme: 'dark' });
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.setSpeed('1×');
  await lesson.runUntil(2200);
  await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: 'e2e/screenshots/lesson-paused-1920-dark.png' });
});
