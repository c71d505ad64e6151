/**
 * The node frame's watchdog, end to end: when the sandboxed frame the node Workers run in stops answering
 * (as one whose process died of a node's runaway memory would), the page rebuilds it, the run goes on to its
 * end with the frame's nodes crashed and the reason on them, and a Rerun runs normally in the new frame.
 * The first two tests use the test build's switch (`stopNodeFramesAnswering`, test API only), which makes
 * the frame end its Workers and ignore pings, to time the rebuild exactly. The last one kills the frame's
 * process for real, with learner code that allocates without end.
 */
import { expect, test, type CDPSession } from '@playwright/test';
import { FRAME_LOST_REASON } from '../workers/host/watchdog-text';
import { LessonPage } from './pages/LessonPage';
import { simTraceHash } from './pages/source';

const LESSON = 'hello-network';
/** Seeds enough that a sealed Check of LESSON lasts ~1 s past its first count (measured: 200 last 0.3 s). */
const CHECK_SEEDS_TO_CATCH = 600;

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
  // The frames must stop while seeds are being checked: hello-network's 50 seeds now take less time
  // sealed than the progress line takes to show a count (it went from "Checked 0" to the results), so
  // this Check has more of them (the ones left after the stop run on node Workers: ~10-20 s here).
  await lesson.useCheckSeeds(CHECK_SEEDS_TO_CATCH);
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

/** request-reply's client, allocating without end in its first timer (80 MB a turn, on V8's heap). */
const HOARDING_CLIENT = `import type { Node } from '@playground/node';
export default function client(node: Node) {
  node.setTimer(100, () => {
    const hoard: number[][] = [];
    while (true) hoard.push(new Array(1e7).fill(1.5));
  });
}
`;

/** An expression evaluated in the page over CDP, its value returned. */
async function inPage<T>(cdp: CDPSession, expression: string): Promise<T> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    returnByValue: true,
    awaitPromise: true,
  });
  if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
  return result.value as T;
}

test('a node that allocates without end: its frame dies, the page goes on, the node stops with a reason, the edit stays', async ({
  page,
}) => {
  // The frame's process runs out of memory ~3 s in; the page rebuilds it after 10 s of silence.
  test.setTimeout(150_000);
  const lesson = new LessonPage(page);
  await lesson.goto('request-reply');
  await lesson.replaceCode('client', HOARDING_CLIENT, 'hoard.push');
  await lesson.setSpeed('Max');
  // Playwright takes any crash of the page's frames for the page's own: once the node frame's process is
  // gone, every call through `page` says "Page crashed". A CDP session of the page's own is not told, and
  // answers as long as the page lives, which is what this test is about.
  const cdp = await page.context().newCDPSession(page);
  await lesson.rerunFromEditor();

  const status = () =>
    inPage<string | null>(cdp, `document.querySelector('[data-testid=run-status]')?.dataset.status ?? null`);
  const slowest = { ms: 0 };
  await expect
    .poll(
      async () => {
        const started = Date.now();
        const now = await status();
        slowest.ms = Math.max(slowest.ms, Date.now() - started);
        return now;
      },
      { timeout: 120_000, intervals: [250] },
    )
    .toBe('finished');
  // The page answered all along (a frozen or crashed page would not).
  expect(slowest.ms).toBeLessThan(2000);
  // Whether the process died before the watchdog gave up on the node (3 s) is the machine's timing: its
  // frame is rebuilt (2 builds) either way once it is dead, but the node's reason says one or the other.
  test.info().annotations.push({
    type: 'frame builds',
    description: JSON.stringify(await inPage<number[]>(cdp, 'window.__playground.nodeFrameBuilds()')),
  });

  // The hoarding node stopped, with a reason that names it as the one that never came back.
  type Crash = { node: string; reason: string };
  const crashes = await inPage<Crash[]>(
    cdp,
    `window.__playground.trace().filter((e) => e.kind === 'crash' && e.reason !== 'crash fault')
       .map((e) => ({ node: e.node, reason: e.reason }))`,
  );
  const client = crashes.find((c) => c.node === 'client');
  expect(client?.reason, JSON.stringify(crashes)).toMatch(
    /did not finish within 3 s \(an infinite loop\?\)|ran out of memory/,
  );
  // And the learner is told so on the console, where it names the handler's file when the watchdog spoke.
  const consoleText = await inPage<string>(
    cdp,
    `document.querySelector('[data-testid=panel-console]')?.textContent ?? ''`,
  );
  expect(consoleText).toContain(client!.reason);
  if (client!.reason.includes('within 3 s')) expect(consoleText).toContain('roles/client.ts:2');

  // The learner's code is still there after a reload, saved.
  await cdp.send('Page.reload', {});
  await expect
    .poll(() => inPage<string>(cdp, `window.__playground?.editorCode?.().client ?? ''`).catch(() => ''), {
      timeout: 60_000,
    })
    .toContain('hoard.push');
});
