/**
 * What used to mislead a learner (issue 11, "fix what a learner trips on"): progress that means passing,
 * Step from a fresh page, every code tab reachable, results that never go stale, a usable layout, the seed
 * field, and the run button's Replay label.
 */
import { expect, test } from '@playwright/test';
import { CourseMap } from './pages/CourseMap';
import { LessonPage, QUICK_CHECK_SEEDS } from './pages/LessonPage';
import { clientStarter, lessonFile } from './pages/source';

test.use({ viewport: { width: 1280, height: 800 } });

const LESSON = 'request-reply';
const clientSolution = lessonFile('07-messaging/03-request-reply/solution/client.ts');

test('done means passed: a run to the end is not done; passing Check is, and the map shows it', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.useCheckSeeds(QUICK_CHECK_SEEDS);
  await lesson.goto(LESSON);
  // Reach the last step and watch the starter run to its end: its checks fail, so the lesson is not done.
  await page.goto(`./#/lesson/${LESSON}/3`);
  await lesson.expectStatus('paused');
  await lesson.runToEnd();
  await expect(page.locator('.done-pill')).toHaveCount(0);
  await new CourseMap(page).goto();
  await expect(new CourseMap(page).lessonLink(LESSON)).toHaveAttribute('data-status', 'in-progress');

  // Back on the first step, pass the checks with the solution: done, without running to the end.
  await lesson.goto(LESSON);
  await lesson.replaceCode('client', clientSolution, 'an idempotency key per deposit');
  await page.getByTestId('check-button').click();
  await expect(page.getByTestId('check-results')).toContainText(
    new RegExp(`All \\d+ checks passed on ${QUICK_CHECK_SEEDS} seeds`),
    {
      timeout: 90_000,
    },
  );
  await expect(page.getByTestId('exercise-passed')).toBeVisible();
  await expect(page.locator('.done-pill')).toBeVisible();
  await new CourseMap(page).goto();
  await expect(new CourseMap(page).lessonLink(LESSON)).toHaveAttribute('data-status', 'done');
});

test('Step as the first action advances one event from the start, never "Finished" at 0 ms', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  expect(await lesson.api('cursor')).toBe(0);
  await page.getByTestId('step-button').click();
  await expect.poll(() => lesson.api('cursor'), { timeout: 30_000 }).toBeGreaterThan(0);
  await lesson.expectStatus('paused');
  await expect(page.getByTestId('step-button')).toBeEnabled();
  const first = await lesson.api('cursor');
  // The cursor sits on an event: the first one after 0 ms.
  const trace = await lesson.trace();
  expect(trace.find((e) => e.t > 0)?.t).toBe(first);
  // And Back returns to the start.
  await page.getByTestId('step-back-button').click();
  await expect.poll(() => lesson.api('cursor')).toBe(0);
});

test('every code tab is reachable at 1280x800 and the editor opens on the exercise’s file', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto('sidecar-ambassador-adapter', 3);
  const tabs = page.locator('.code-tabs [role="tab"]');
  await expect(tabs).not.toHaveCount(0);
  // Step 3 asks for the adapter: it is the open tab.
  await expect(page.getByTestId('role-tab-adapter')).toHaveAttribute('aria-selected', 'true');
  const pane = await page.locator('.code-pane').boundingBox();
  if (!pane) throw new Error('no code pane');
  for (const tab of await tabs.all()) {
    const box = await tab.boundingBox();
    expect(box, await tab.innerText()).not.toBeNull();
    if (!box) continue;
    expect(box.x).toBeGreaterThanOrEqual(pane.x - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(Math.min(pane.x + pane.width, 1280) + 1);
  }
  // Focusing the last tab never scrolls the page sideways.
  await tabs.last().focus();
  await page.keyboard.press('Enter');
  await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
  expect(
    await page.evaluate(() => [window.scrollX, document.querySelector('.lesson-page')?.scrollLeft]),
  ).toEqual([0, 0]);
});

test('results never go stale: the banner and the Checks tab clear when the code changes', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  const broken = clientStarter.replace('node.setTimer(', 'node.setTimer((');
  await lesson.replaceCode('client', broken, 'node.setTimer((at');
  // Check on a syntax error names the file and the line.
  await page.getByTestId('check-button').click();
  await expect(page.getByTestId('check-compile-errors')).toContainText(/roles\/client\.ts:\d+/, {
    timeout: 60_000,
  });
  await lesson.runButton.click();
  await lesson.expectStatus('failed');
  await expect(page.getByTestId('run-blocked')).toBeVisible();

  // One keystroke later the code on screen is not the code that failed: no banner, no stale results.
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await expect(page.getByTestId('run-blocked')).toBeHidden();
  await expect(page.getByTestId('compile-errors')).toHaveCount(0);
  await expect(lesson.status).toHaveText(/Edited/);
  await page.getByTestId('tab-checks').click();
  await expect(page.getByTestId('check-compile-errors')).toHaveCount(0);
  await expect(page.getByTestId('checks-empty')).toContainText('The code changed since the last check');
});

/** request-reply's client (the lesson's editable role) spinning in its first timer. */
const SPINNING_CLIENT = `import type { Node } from '@playground/node';
export default function client(node: Node) {
  node.setTimer(100, () => {
    for (;;) {}
  });
}
`;

test('an infinite loop in a normal run shows in the console and on the node, with file:line', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.replaceCode('client', SPINNING_CLIENT, 'for (;;)');
  await lesson.setSpeed('1×');
  await lesson.rerunFromEditor();
  // While the node spins, nothing moves: the status says so instead of "Running".
  await expect(lesson.status).toHaveAttribute('data-waiting', 'true', { timeout: 30_000 });
  await expect(lesson.status).toHaveText('Waiting for the nodes…');
  const consoleBody = await lesson.console();
  await expect(consoleBody).toContainText(
    /handling its timers due before [\d.]+ ms: did not finish within 3 s/,
    {
      timeout: 30_000,
    },
  );
  // A timer names no handler: the role's main function is where to look.
  await expect(consoleBody).toContainText('roles/client.ts:2');
  await expect(lesson.node('client')).toHaveAttribute('aria-label', /crashed.*roles\/client\.ts:2/);
  await expect(lesson.graph.getByText('stuck at roles/client.ts:2')).toBeVisible();
});

test('the seed field can be cleared and typed; a rerun starts on Enter or blur only', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  const seed = page.getByTestId('seed');
  await seed.fill('');
  await expect(seed).toHaveValue('');
  await seed.pressSequentially('42');
  await expect(seed).toHaveValue('42');
  expect(await lesson.api('seed')).toBe(1);
  await seed.press('Enter');
  await expect.poll(() => lesson.api('seed')).toBe(42);
  await seed.fill('7');
  expect(await lesson.api('seed')).toBe(42);
  await page.getByTestId('speed').focus();
  await expect.poll(() => lesson.api('seed')).toBe(7);
});

test('a finished run offers Replay', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.runToEnd();
  await expect(lesson.runButton).toHaveAttribute('data-action', 'replay');
  await expect(lesson.runButton).toContainText('Replay');
});
