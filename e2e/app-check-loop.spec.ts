/**
 * Check runs learner code headless in a Worker: a handler that never returns must stop the checks with a
 * message naming the node, its file and line, and leave the page responsive and the code as it was. Sealed,
 * the spinning seed goes silent and is rerun on node Workers, whose watchdog names the node.
 */
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';

const SPINNING_CLIENT = `import type { Node } from '@playground/node';
export default function client(node: Node) {
  node.setTimer(1000, () => {
    for (;;) {}
  });
}
`;

test('Check stops a node that never returns and names it, file and line', async ({ page }) => {
  const lesson = new LessonPage(page);
  const fallbacks: string[] = [];
  page.on('console', (m) => m.text().startsWith('sealed ') && fallbacks.push(m.text()));
  await lesson.goto('request-reply');
  await lesson.replaceCode('client', SPINNING_CLIENT, 'for (;;)');
  await page.getByTestId('check-button').click();
  await expect(
    page.getByText(
      /node client \(roles\/client\.ts:\d+\) handling its timers due before [\d.]+ ms at [\d.]+ ms: did not finish within 3/,
    ),
  ).toBeVisible({ timeout: 60_000 });
  // The sealed Check went silent and handed the seed to node Workers, whose watchdog named the node.
  expect(fallbacks[0]).toMatch(
    /^sealed check: silent for \d+ ms \(budget 4000 ms\); going on with node Workers$/,
  );
  // The page answered all along, and the learner's code is untouched.
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('for (;;)');
});
