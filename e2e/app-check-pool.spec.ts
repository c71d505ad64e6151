/**
 * Check reuses node Workers across seeds, and only untouched ones: request-reply has 2 nodes and 50 seeds, so
 * a Check starts about 2 Workers per check Worker, not 100; a client that writes to a built-in when it loads
 * leaves its Worker dirty after every seed, so each seed's client gets a fresh Worker and sees nothing of
 * the seed before (the verdict is the same as the untouched client's). Node Workers are the Check's second
 * path (app-check-sealed.spec.ts has the first): this spec asks for them alone.
 */
import { expect, test, type Page } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';
import { lessonFile } from './pages/source';

const CLIENT = lessonFile('07-messaging/03-request-reply/roles/client.ts');
/**
 * The starter's client, but it counts its module's evaluations on a built-in, and does nothing unless it is
 * the first in its realm: in a reused, changed realm it would go silent, and the verdict would change.
 */
const POLLUTING = CLIENT.replace(
  'export default function accountClient(node: Node) {',
  `const proto = Array.prototype as unknown as { loads?: number };
proto.loads = (proto.loads ?? 0) + 1;
const firstInRealm = proto.loads === 1;

export default function accountClient(node: Node) {
  if (!firstInRealm) return;`,
);

async function check(page: Page): Promise<{ started: number; summary: string }> {
  await page.getByTestId('check-button').click();
  const results = page.getByTestId('check-results');
  await expect(results.locator('.checks-summary')).toBeVisible({ timeout: 240_000 });
  return {
    started: Number(await results.getAttribute('data-workers-started')),
    summary: (await results.locator('.checks-summary').textContent()) ?? '',
  };
}

test('Check starts a few node Workers for 50 seeds, and a fresh one for each seed a realm was changed', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const lesson = new LessonPage(page);
  await lesson.useUnsealedCheck();
  await lesson.goto('request-reply');
  const cores = await page.evaluate(() => Math.min(4, navigator.hardwareConcurrency || 2));

  const clean = await check(page);
  expect(clean.started).toBeGreaterThanOrEqual(2);
  expect(clean.started).toBeLessThanOrEqual(2 * cores);

  await lesson.replaceCode('client', POLLUTING, 'firstInRealm');
  const dirty = await check(page);
  // The server's Worker stays clean; the client's is replaced after every seed.
  expect(dirty.started).toBeGreaterThanOrEqual(50);
  expect(dirty.summary).toBe(clean.summary);
});
