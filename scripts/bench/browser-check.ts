/**
 * The browser's Check, timed: press Check on a lesson page of the built site and wait for its verdict, for
 * each lesson asked (its starter: the same nodes, seeds and checkers as the solution). What a learner waits.
 */
import { serveStatic } from '../serve-static';
import { launchChromium } from './chromium';

export interface CheckFigure {
  lesson: string;
  /** Wall ms from pressing Check to the verdict, best of `rounds`. */
  ms: number;
  /** Seeds whose verdict came from the sealed check Worker (0 on the node-Worker path). */
  sealedSeeds: number;
}

export async function browserCheckTimes(
  dist: string,
  lessons: string[],
  rounds: number,
  log: (line: string) => void,
  /** Node Workers alone, never sealed (the test build's switch): the baseline of the sealed path. */
  unsealed = false,
  /**
   * Wait this long after the Check button shows before pressing it. 0 (default): at once, while the page is
   * still starting (Monaco and its TypeScript worker take the same cores); a learner reads first, so a
   * figure with the page settled says what Check itself costs.
   */
  settleMs = 0,
): Promise<CheckFigure[]> {
  const { server, url } = await serveStatic({ root: dist, base: '/playground/' });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    if (unsealed)
      await page.addInitScript(() => {
        (window as { __playgroundCheckUnsealed?: boolean }).__playgroundCheckUnsealed = true;
      });
    const figures: CheckFigure[] = [];
    for (const lesson of lessons) {
      let best = Infinity;
      let sealedSeeds = 0;
      for (let round = 0; round < rounds; round++) {
        await page.goto(`${url}#/lesson/${lesson}/1`);
        const button = page.getByTestId('check-button');
        await button.waitFor({ timeout: 60_000 });
        if (settleMs > 0) await page.waitForTimeout(settleMs);
        const started = performance.now();
        await button.click();
        const summary = page.getByTestId('check-results').locator('.checks-summary');
        await summary.waitFor({ timeout: 600_000 });
        best = Math.min(best, performance.now() - started);
        sealedSeeds = Number(await page.getByTestId('check-results').getAttribute('data-sealed-seeds'));
      }
      figures.push({ lesson, ms: best, sealedSeeds });
      log(`  ${lesson}: ${Math.round(best)} ms`);
    }
    return figures;
  } finally {
    await browser.close();
    server.close();
  }
}
