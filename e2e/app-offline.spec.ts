/**
 * Offline: after one visit, the built site (served under a sub-path) opens and runs a lesson with the
 * network off, editor and TypeScript worker included, from the service worker's precache. A new version
 * announces itself ("A new version is ready. Reload") instead of mixing old and new files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';

test.use({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });

/** The service worker has precached the build and controls the page. */
async function installed(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByTestId('course-map')).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('after one visit, an offline reload opens and runs a lesson', async ({ page, context }) => {
  await installed(page);
  await expect(page.getByTestId('offline-ready')).toBeVisible();
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByTestId('course-map')).toBeVisible();
    // A lesson never opened while online: its chunks, Monaco and the node API types come from the cache.
    const lesson = new LessonPage(page);
    await lesson.goto('request-reply');
    await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
    await lesson.runToEnd();
    const logs = (await lesson.trace()).flatMap((e) => (e.kind === 'log' ? [e.text] : []));
    // The client logs each deposit the server confirmed: the nodes ran and talked.
    expect(logs.some((text) => /^deposit #\d+ of \d+: balance \d+$/.test(text))).toBe(true);
    // A fresh load of a deep link works too, offline.
    await page.goto('./#/lesson/hello-network/1');
    await new LessonPage(page).expectStatus('paused');
  } finally {
    await context.setOffline(false);
  }
});

test('a new version announces itself and loads on Reload', async ({ page }) => {
  await installed(page);
  const sw = new URL('../dist/sw.js', import.meta.url);
  const original = readFileSync(sw, 'utf8');
  try {
    // Any change to sw.js is a new version; the next load finds it and installs it beside the old one.
    writeFileSync(sw, `${original}\n// a newer build\n`);
    await page.reload();
    await expect(page.getByTestId('course-map')).toBeVisible();
    const notice = page.getByTestId('update-notice');
    await expect(notice).toContainText('A new version is ready.');
    await page.screenshot({ path: 'e2e/screenshots/update-notice-1280-light.png' });
    const reloaded = page.waitForEvent('load');
    await notice.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect(page.getByTestId('course-map')).toBeVisible();
    await expect(notice).toBeHidden();
  } finally {
    writeFileSync(sw, original);
  }
});
