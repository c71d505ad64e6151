/**
 * A failing seed opens with its drawn faults shrunk: Check on the request-reply starter fails, the results
 * show at once while the failing seed's faults are shrunk, then say how many of the seed's drawn faults still make it fail, and Replay opens that seed with only those
 * (fewer faults in the trace's nemesis event than the same seed's full draw) and the cursor at the violation.
 */
import { expect, test } from '@playwright/test';
import type { TraceEvent } from '../workers/kernel/protocol';
import { LessonPage, QUICK_CHECK_SEEDS } from './pages/LessonPage';

const nemesisFaults = (trace: TraceEvent[]) =>
  trace.flatMap((e) => (e.kind === 'nemesis' ? e.faults : [])).length;

test('a failing seed replays with a shrunk fault schedule, at the violation', async ({ page }) => {
  test.setTimeout(240_000);
  const lesson = new LessonPage(page);
  // Check and shrink run sealed; a Worker's console reaches the page's, where a fallback would say so.
  const fallbacks: string[] = [];
  page.on('console', (m) => m.text().startsWith('sealed ') && fallbacks.push(m.text()));
  await lesson.useCheckSeeds(QUICK_CHECK_SEEDS);
  await lesson.goto('request-reply');
  await page.getByTestId('check-button').click();
  // The verdict does not wait for the shrink (up to 24 whole runs of the seed).
  await expect(page.getByTestId('check-results')).toContainText(/checks failed/, { timeout: 200_000 });
  await expect(page.getByTestId('shrinking-faults').first()).toBeVisible();
  const shrunk = page.getByTestId('shrunk-faults').first();
  await expect(shrunk).toBeVisible({ timeout: 200_000 });
  expect(fallbacks).toEqual([]);
  const drawn = Number(await shrunk.getAttribute('data-drawn'));
  const kept = Number(await shrunk.getAttribute('data-faults'));
  expect(kept).toBeLessThan(drawn);

  const replay = page.getByTestId('replay-failure').first();
  const label = (await replay.textContent()) ?? '';
  const seed = Number(/seed (\d+)/.exec(label)?.[1]);
  await replay.click();
  await expect.poll(() => page.evaluate(() => window.__playground?.seed())).toBe(seed);
  await expect.poll(() => page.evaluate(() => window.__playground?.status())).toBe('paused');
  const at = /at ([\d.]+) (m?s)/.exec(label);
  if (at) {
    const ms = Number(at[1]) * (at[2] === 's' ? 1000 : 1);
    await expect.poll(() => page.evaluate(() => window.__playground?.cursor())).toBeCloseTo(ms, -2);
  }
  const shrunkFaults = nemesisFaults(await page.evaluate(() => window.__playground!.trace()));

  // The same seed typed again (another first: the field ignores its own value) is the seed's whole draw.
  await lesson.setSeed(seed + 1);
  await expect.poll(() => page.evaluate(() => window.__playground?.seed())).toBe(seed + 1);
  await lesson.setSeed(seed);
  await expect.poll(() => page.evaluate(() => window.__playground?.seed())).toBe(seed);
  await expect
    .poll(async () => nemesisFaults(await page.evaluate(() => window.__playground!.trace())))
    .toBeGreaterThan(shrunkFaults);
});
