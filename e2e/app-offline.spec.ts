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
    // "Run it for real" zips the node runner in: it comes from the cache too.
    await page.getByTestId('run-for-real').click();
    const dialog = page.getByTestId('run-for-real-dialog');
    const downloading = page.waitForEvent('download');
    await dialog.getByTestId('download-bundle').click();
    expect((await downloading).suggestedFilename()).toBe('playground-request-reply.zip');
    await expect(dialog.getByRole('status')).toContainText('Downloaded');
    await page.keyboard.press('Escape');
    // A fresh load of a deep link works too, offline.
    await page.goto('./#/lesson/hello-network/1');
    await new LessonPage(page).expectStatus('paused');
  } finally {
    await context.setOffline(false);
  }
});

/** Width and height from a PNG's IHDR chunk (bytes 16-23). */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test('the manifest is valid, its icons are there at the sizes it says, and the page links them', async ({
  page,
}) => {
  await installed(page);
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
  expect(manifest.url).toMatch(/\/playground\/manifest\.webmanifest$/);
  // Chromium's own installability verdict; a Playwright context is incognito, which is not the site's doing.
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);

  const parsed = JSON.parse(manifest.data ?? '') as {
    icons: { src: string; sizes: string; type: string; purpose: string }[];
  };
  const sizes = (purpose: string) =>
    parsed.icons.filter((i) => i.purpose === purpose && i.type === 'image/png').map((i) => i.sizes);
  expect(sizes('any')).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(sizes('maskable')).toEqual(['512x512']);
  for (const icon of parsed.icons) {
    const response = await page.request.get(new URL(icon.src, manifest.url).href);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()['content-type'], icon.src).toContain(icon.type);
    if (icon.type === 'image/png') expect(pngSize(await response.body()), icon.src).toBe(icon.sizes);
    else expect((await response.text()).trim()).toMatch(/^<svg[^>]*viewBox="0 0 512 512"/);
  }
  // The tab's icon and Apple's touch icon, relative so they work from any sub-path.
  for (const rel of ['icon', 'apple-touch-icon']) {
    const href = await page.locator(`link[rel="${rel}"]`).getAttribute('href');
    expect(href, rel).toMatch(/^\.\/icons\//);
    expect((await page.request.get(new URL(href ?? '', page.url()).href)).status(), rel).toBe(200);
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
