/**
 * The node frame's watchdog, end to end: when the sandboxed frame the node Workers run in stops answering
 * (as one whose process died of a node's runaway memory would), the page rebuilds it, the run goes on to its
 * end with the frame's nodes crashed and the reason on them, and a Rerun runs normally in the new frame.
 * Crashing the frame's process through CDP takes Playwright's whole page down, so the test build's switch
 * (`stopNodeFramesAnswering`, test API only) makes the frame end its Workers and ignore pings instead.
 */
import { expect, test } from '@playwright/test';
import { FRAME_LOST_REASON } from '../workers/host/watchdog-text';
import { LessonPage } from './pages/LessonPage';
import { simTraceHash } from './pages/source';

const LESSON = 'hello-network';

test.use({ viewport: { width: 1280, height: 800 } });

test('a frame that stops answering is rebuilt: the run ends with its nodes crashed, and a Rerun runs normally', async ({
  page,
}) => {
  // The page waits 10 s of silence before it rebuilds the frame; the rest is two short runs.
  test.setTimeout(120_000);
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  const seed = (await lesson.api('seed'))!;
  // The slowest speed: the kernel computes only ~3 s ahead of the cursor (at 1× it reaches the end at once).
  await lesson.setSpeed('0.01×');
  await lesson.run();
  await expect.poll(() => lesson.api('cursor'), { timeout: 30_000, intervals: [50] }).toBeGreaterThan(100);
  // Mid-run: the kernel has not reached the end, so the nodes still have batches to answer.
  expect(await lesson.api('reachedMs')).toBeLessThan(12_000);
  expect(await lesson.api('nodeFrameBuilds')).toEqual([1]);
  expect(await lesson.api('stopNodeFramesAnswering')).toBe(1);
  // At once the kernel asks the dead frame's nodes for the rest of the run: batches out there, and (the
  // nemesis restarts the receiver) a node Worker starting there, until the page rebuilds the frame.
  await lesson.setSpeed('Max');
  await expect.poll(() => lesson.api('nodeFrameBuilds'), { timeout: 30_000 }).toEqual([2]);
  // Not stuck on "Running" / "Waiting for the nodes…": the run reaches its end.
  await expect(lesson.status).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  const trace = await lesson.trace();
  const crashes = trace.flatMap((e) => (e.kind === 'crash' ? [`${e.node}: ${e.reason}`] : []));
  // The sender has work every 200 ms: its next batch after the rebuild is a crash with the frame's reason.
  expect(crashes).toContain(`sender: ${FRAME_LOST_REASON}`);
  // Nobody is blamed for the frame's silence (before the fix, its nodes said "an infinite loop?").
  const blamed = trace.filter((e) => JSON.stringify(e).includes('infinite loop'));
  expect(blamed).toEqual([]);
  await expect(lesson.node('sender')).toHaveAttribute(
    'aria-label',
    new RegExp(`crashed \\(${FRAME_LOST_REASON.replace(/[()?]/g, '\\$&')}\\)`),
  );

  await lesson.node('sender').click();
  await expect(page.locator('.ni-crash')).toContainText('the frame was rebuilt');
  await lesson.screenshot('frame-rebuilt-1280-light');

  // Rerun: fresh Workers in the rebuilt frame, the trace of a run nothing happened to.
  await lesson.rerunFromEditor();
  await expect(lesson.status).not.toHaveAttribute('data-status', 'finished', { timeout: 30_000 });
  await lesson.runToEnd();
  const again = await lesson.trace();
  expect(again.filter((e) => e.kind === 'crash' && e.node === 'sender')).toEqual([]);
  expect(await lesson.api('traceHash')).toBe(simTraceHash(LESSON, seed));
  expect(await lesson.api('nodeFrameBuilds')).toEqual([2]);
});

test('in Check, a frame that stops answering is rebuilt and the checks finish, blaming no node', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  const results = page.getByTestId('check-results');
  const check = page.getByTestId('check-button');
  // What a Check says of this code when nothing happens to its frame.
  await check.click();
  await expect(results).toBeVisible({ timeout: 60_000 });
  const clean = await results.locator('.checks-summary').innerText();

  await check.click();
  await expect(page.getByTestId('check-progress')).toContainText(/Checked [1-9]\d* of/, { timeout: 60_000 });
  // The Run's frame and one per check Worker (the page runs as many as it has cores, up to 4).
  expect(await lesson.api('stopNodeFramesAnswering')).toBeGreaterThanOrEqual(2);
  await expect(results).toBeVisible({ timeout: 90_000 });
  // Before the fix: "The checks could not finish: node … did not finish within 3 s (an infinite loop?)".
  await expect(page.getByText('The checks could not finish')).toHaveCount(0);
  await expect(results).not.toContainText('infinite loop');

  // The next Check starts from a new frame and says what the clean one said.
  await check.click();
  await expect(results.locator('.checks-summary')).toHaveText(clean, { timeout: 60_000 });
});
