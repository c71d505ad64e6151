/**
 * Predict, then run: hello-network's step 3 asks how many of the 30 notes `receiver` keeps; the learner
 * types a guess, runs to the end, and is told whether the run (its trace) agrees.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';

test('a predict question is answered by the run, from its trace', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const lesson = new LessonPage(page);
  await lesson.goto('hello-network', 3);
  const predict = page.getByTestId('predict');
  await expect(predict).toContainText('How many different notes will receiver have kept');
  await expect(page.getByTestId('predict-button')).toBeDisabled();
  await page.getByTestId('predict-input').fill('30');
  await page.getByTestId('predict-button').click();
  await expect(page.getByTestId('predict-status')).toContainText('Your prediction: 30');
  await expect(page.getByTestId('predict-status')).toContainText('press Run');
  await expect(page.getByTestId('predict-verdict')).toHaveCount(0);

  await lesson.runToEnd();
  const verdict = page.getByTestId('predict-verdict');
  await expect(verdict).toBeVisible();
  // The answer, counted here from the trace as the lesson says: different notes delivered to receiver.
  const trace = await lesson.trace();
  const sends = new Map<string, number>();
  for (const e of trace)
    if (e.kind === 'send' && e.message.type === 'note')
      sends.set(String(e.message.id), (e.message.body as { seq: number }).seq);
  const kept = new Set(
    trace.flatMap((e) =>
      e.kind === 'deliver' && e.node === 'receiver' ? [sends.get(String(e.messageId))] : [],
    ),
  );
  kept.delete(undefined);
  await expect(page.getByTestId('predict-answer')).toHaveText(String(kept.size));
  expect(kept.size).toBeLessThan(30);
  await expect(verdict).toContainText(Math.abs(kept.size - 30) <= 3 ? 'The run agrees' : 'The run disagrees');
  await expect(verdict).toContainText('you said 30');

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect((await new AxeBuilder({ page }).include('[data-testid="predict"]').analyze()).violations).toEqual(
      [],
    );
    for (const [w, h] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await predict.scrollIntoViewIfNeeded();
      await lesson.screenshot(`predict-${w}-${scheme}`);
    }
  }

  // A guess made after the run ended is not decided by that run: it waits for the next one.
  await page.getByTestId('predict-change').click();
  await page.getByTestId('predict-input').fill(String(kept.size));
  await page.getByTestId('predict-button').click();
  await expect(page.getByTestId('predict-status')).toContainText('press Restart');
  await expect(page.getByTestId('predict-verdict')).toHaveCount(0);
});
