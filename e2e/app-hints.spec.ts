/**
 * Help when stuck: hints one tier at a time from the exercise's hints.md, then the solution as a diff
 * against the learner's code, applied as one editor edit (undo brings the learner's code back).
 */
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';

test.use({ viewport: { width: 1280, height: 800 } });

test('hints in tiers, then the solution as a diff, applied with undo', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto('request-reply');
  const hints = page.getByTestId('hints');
  await expect(hints).toBeVisible();
  await expect(page.getByTestId('hint-1')).toHaveCount(0);
  // The solution is offered only once the learner has asked for help.
  await expect(page.getByTestId('show-solution')).toHaveCount(0);

  await page.getByTestId('hint-button').click();
  await expect(page.getByTestId('hint-1')).toContainText('A nudge');
  await expect(page.getByTestId('hint-1')).toContainText('after a 300 ms timeout');
  await page.getByTestId('hint-button').click();
  await expect(page.getByTestId('hint-2')).toContainText('idempotency key');
  await page.getByTestId('hint-button').click();
  await expect(page.getByTestId('hint-3')).toContainText('The key line');
  await expect(page.getByTestId('hint-button')).toHaveCount(0);

  // The solution: a diff, nothing changed yet.
  await page.getByTestId('show-solution').click();
  await expect(page.getByTestId('solution-diff').locator('.monaco-diff-editor')).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByTestId('role-tab-client')).toHaveAttribute('aria-selected', 'true');
  // Near the top of the solution (the diff editor renders only the lines in view), not in the starter.
  await expect(page.getByTestId('solution-diff')).toContainText('const TIMEOUT_MS = 300;');
  await lesson.screenshot('hints-solution-1280-light');
  // Closing it leaves the code as it was.
  await page.getByRole('region', { name: 'Solution' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('solution-diff')).toHaveCount(0);
  const editor = page.locator('.monaco-editor .view-lines').first();
  await expect(editor).not.toContainText('TIMEOUT_MS');

  // Applied: the editor holds the solution; undo brings the learner's code back.
  await page.getByTestId('show-solution').click();
  await page.getByTestId('apply-solution').click();
  await expect(page.getByTestId('solution-applied')).toBeVisible();
  await expect(editor).toContainText('Request-reply that survives a non-idempotent server');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(editor).toContainText("The book's EchoClient");
  await expect(editor).not.toContainText('Request-reply that survives a non-idempotent server');
});

test('a step with its own exercise has its own hints', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto('sidecar-ambassador-adapter', 2);
  await page.getByTestId('hint-button').click();
  await expect(page.getByTestId('hint-1')).toContainText('intruder');
  await lesson.goto('sidecar-ambassador-adapter', 3);
  await page.getByTestId('hint-button').click();
  await expect(page.getByTestId('hint-1')).toContainText('served=41');
});

test('a narrated moment seeks the run there and selects its node', async ({ page }) => {
  const lesson = new LessonPage(page);
  // cqrs step 2 narrates its one fault that is the same on every seed (the nemesis draws the others).
  await lesson.goto('cqrs', 2);
  const moment = page.getByRole('button', { name: /The writer ↔ reader link turns flaky/ });
  await expect(moment).toBeVisible();
  await moment.click();
  await expect.poll(() => lesson.api('cursor'), { timeout: 30_000 }).toBe(1000);
  await expect(page.getByTestId('tab-inspector')).toContainText('Node: reader');
  await expect(lesson.node('reader')).toHaveAttribute('aria-pressed', 'true');
  // At 1 s the scenario's link fault has happened: the run got there.
  const trace = await lesson.trace();
  expect(
    trace.some((e) => e.kind === 'link' && e.t === 1000 && e.from === 'writer' && e.to === 'reader'),
  ).toBe(true);
});
