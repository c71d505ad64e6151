/**
 * The Check's sealed path (app/check/runSealed.ts): a share of seeds runs in one Worker of the node frame,
 * each node's role code in a Compartment of a locked-down realm. It must give the node Workers' verdicts,
 * hand any seed where role code threw (a frozen built-in, a missing global) back to node Workers, and stay
 * out of reach of role code that tries, quietly, to rewrite what goes to the page.
 */
import { expect, test, type Page } from '@playwright/test';
import { LessonPage, QUICK_CHECK_SEEDS } from './pages/LessonPage';
import { clientStarter } from './pages/source';

async function check(page: Page): Promise<{ sealed: number; workers: number; summary: string }> {
  await page.getByTestId('check-button').click();
  const results = page.getByTestId('check-results');
  await expect(results.locator('.checks-summary')).toBeVisible({ timeout: 120_000 });
  return {
    sealed: Number(await results.getAttribute('data-sealed-seeds')),
    workers: Number(await results.getAttribute('data-workers-started')),
    summary: (await results.locator('.checks-summary').textContent()) ?? '',
  };
}

/** The starter's client, patching a built-in as it loads (a frozen one throws in a Compartment). */
const PATCHING = clientStarter.replace(
  'const BURSTS',
  `(Array.prototype as unknown as { tag?: number }).tag = 1;\nconst BURSTS`,
);

/** Every quiet way to rewrite what goes out into "passed", each attempt swallowed: nothing throws. */
const QUIET_FORGE = clientStarter.replace(
  'const BURSTS',
  `const attempt = (f: () => void) => { try { f(); } catch { /* quietly */ } };
const g: any = globalThis;
attempt(() => { const post = g.postMessage; g.postMessage = (m: any) => post(JSON.parse(JSON.stringify(m).replaceAll('"passed":false', '"passed":true'))); });
attempt(() => { const stringify = JSON.stringify; (JSON as any).stringify = (v: any) => stringify(v).replaceAll('false', 'true'); });
attempt(() => { const push = Array.prototype.push; (Array.prototype as any).push = function (...xs: any[]) { return push.apply(this, xs.map((x) => (x && typeof x === 'object' && 'passed' in x ? { ...x, passed: true } : x))); }; });
attempt(() => { (Object.prototype as any).passed = true; });
attempt(() => { g.self.postMessage = () => undefined; });
attempt(() => { Function('return this')().postMessage = () => undefined; });
const BURSTS`,
);

test('Check runs sealed and gives the node Workers’ verdict; a seed where role code threw is rerun on them', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const lesson = new LessonPage(page);
  await lesson.useCheckSeeds(QUICK_CHECK_SEEDS);
  await lesson.goto('request-reply');
  const sealed = await check(page);
  expect(sealed).toMatchObject({ sealed: QUICK_CHECK_SEEDS, workers: 0 });
  expect(sealed.summary).toMatch(/checks failed/);

  // The patch throws sealed (Array.prototype is frozen there) but not in a node Worker: every seed goes back.
  await lesson.replaceCode('client', PATCHING, 'prototype as unknown');
  const patched = await check(page);
  expect(patched.sealed).toBe(0);
  expect(patched.workers).toBeGreaterThan(0);
  expect(patched.summary).toBe(sealed.summary);
});

test('role code that quietly tries to forge the sealed verdict changes nothing of it', async ({ page }) => {
  test.setTimeout(240_000);
  const lesson = new LessonPage(page);
  await lesson.useCheckSeeds(QUICK_CHECK_SEEDS);
  await lesson.goto('request-reply');
  const clean = await check(page);
  await lesson.replaceCode('client', QUIET_FORGE, 'quietly');
  const forged = await check(page);
  // Judged sealed (nothing threw), and it fails exactly as the plain starter does.
  expect(forged).toMatchObject({ sealed: QUICK_CHECK_SEEDS, workers: 0, summary: clean.summary });
  await expect(page.getByTestId('check-results')).toContainText(
    'every deposit is confirmed, and took effect exactly once',
  );
});
