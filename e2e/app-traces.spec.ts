/**
 * The Traces tab (distributed-tracing): with the reference gateway, each order's spans form one tree, drawn
 * as a waterfall; the list marks the slowest traces; it follows the cursor; a span seeks the run there.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { TraceEvent } from '../workers/kernel/protocol';
import { LessonPage } from './pages/LessonPage';
import { lessonFile } from './pages/source';

/** Requests (not replies) of one trace, counted from the raw trace. */
const requestsOf = (trace: TraceEvent[], traceId: string, upTo = Infinity) =>
  trace.filter(
    (e) => e.kind === 'send' && e.t <= upTo && !e.message.inReplyTo && e.message.trace?.traceId === traceId,
  );

test('Traces: one tree of spans per order as a waterfall, following the cursor', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const lesson = new LessonPage(page);
  await lesson.goto('distributed-tracing');
  await lesson.replaceCode(
    'gateway',
    lessonFile('09-monitoring/02-distributed-tracing/solution/gateway.ts'),
    'Tail sampling: the decision',
  );
  await lesson.runToEnd();
  await page.getByTestId('tab-traces').click();
  const items = page.getByTestId('trace-item');
  await expect(items.first()).toBeVisible();

  // Until one is picked, the slowest trace is shown: it is marked slow, and it is one valid tree.
  const detail = page.getByTestId('trace-detail');
  await expect(detail.locator('.wf-slow')).toBeVisible();
  await expect(page.getByTestId('trace-problems')).toHaveText('One tree, every parent known.');
  const trace = await lesson.trace();
  const shownId = await page
    .locator('[data-testid="trace-item"][aria-pressed="true"]')
    .getAttribute('data-trace-id');
  const spans = page.getByTestId('waterfall-span');
  await expect(spans).toHaveCount(requestsOf(trace, shownId!).length);
  await expect(spans.first()).toHaveAccessibleName(/^client → gateway order \d/);
  await expect(spans.filter({ hasText: 'gateway → service-1 quote' }).first()).toBeVisible();
  await expect(spans.filter({ hasText: 'service-2 → store read' }).first()).toBeVisible();

  // "Slow only" keeps the marked ones.
  const all = await items.count();
  await page.getByLabel(/Slow only/).check();
  const slow = await items.count();
  expect(slow).toBeGreaterThan(0);
  expect(slow).toBeLessThan(all);
  await expect(items.locator('.wf-slow')).toHaveCount(slow);
  await page.getByLabel(/Slow only/).uncheck();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(
      (await new AxeBuilder({ page }).include('[data-testid="panel-traces"]').analyze()).violations,
    ).toEqual([]);
    for (const [w, h] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await lesson.screenshot(`traces-${w}-${scheme}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // Clicking a span seeks the run to its send.
  const read = requestsOf(trace, shownId!).find(
    (e) => e.kind === 'send' && e.node === 'service-1' && e.message.type === 'read',
  )!;
  await spans.filter({ hasText: 'service-1 → store read' }).first().click();
  await expect.poll(() => lesson.api('cursor')).toBeCloseTo(read.t, 0);

  // Back in time: only traces begun by then are listed, with only the calls sent by then.
  await lesson.seek(1100);
  const begun = new Set(
    trace.flatMap((e) =>
      e.kind === 'send' && e.t <= 1100 && e.message.trace ? [e.message.trace.traceId] : [],
    ),
  );
  await expect(items).toHaveCount(begun.size);
  await items.last().click();
  const lastId = await items.last().getAttribute('data-trace-id');
  await expect(page.getByTestId('waterfall-span')).toHaveCount(requestsOf(trace, lastId!, 1100).length);
});

test('Traces: the starter gateway drops the context, and the tab says a service’s trace has no root order', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto('distributed-tracing');
  await lesson.setSpeed('1×');
  await lesson.runUntil(600);
  await page.getByTestId('tab-traces').click();
  // The services start traces of their own: a `read` with no order above it.
  const orphan = page.getByTestId('trace-item').filter({ hasText: 'read' }).first();
  await orphan.click();
  await expect(page.getByTestId('waterfall-span').first()).toHaveAccessibleName(/^service-\d → store read/);
  await expect(page.getByTestId('waterfall-span')).toHaveCount(1);
});
