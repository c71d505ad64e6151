/**
 * The Metrics tab's built-ins, on a lesson whose scenario declares no metrics of its own: request latency,
 * throughput, errors and messages per request, per role and per node, following the cursor.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';

const chart = (panel: Locator, name: string) => panel.locator('figure.mp-chart', { hasText: name });
const lineOf = (figure: Locator) => figure.locator('path.mp-line').first();

test('built-in metrics chart every run per role and per node, up to the cursor', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const lesson = new LessonPage(page);
  await lesson.goto('least-loaded');
  await lesson.runToEnd();
  await page.getByTestId('tab-metrics').click();
  const panel = page.getByTestId('builtin-metrics');
  await expect(panel).toBeVisible();

  // Per role: the clients' requests have a latency line, every role a throughput line.
  const p99 = chart(panel, 'request latency p99');
  await expect(p99.locator('.mp-latest')).toContainText(/client \d/);
  await expect(lineOf(p99)).toHaveAttribute('d', /^M.*L/);
  // Every role whose nodes were delivered a message (some roles only send).
  const trace = await lesson.trace();
  const roleOf = new Map(trace.flatMap((e) => (e.kind === 'spawn' ? [[e.node, e.role] as const] : [])));
  const roles = [...new Set(trace.flatMap((e) => (e.kind === 'deliver' ? [roleOf.get(e.node)!] : [])))];
  expect(roles.length).toBeGreaterThan(1);
  for (const role of roles.slice(0, 4))
    await expect(chart(panel, 'throughput').locator('.mp-latest')).toContainText(role);
  await expect(chart(panel, 'messages per request').locator('path.mp-line')).toHaveCount(1);

  // It follows the cursor: early in the run the latency line has fewer points than at the end.
  const points = async () => ((await lineOf(p99).getAttribute('d')) ?? '').split('L').length;
  const atEnd = await points();
  await lesson.seek(2800);
  await expect.poll(points).toBeLessThan(atEnd);
  await expect.poll(points).toBeGreaterThan(1);

  // Per node: a latency line per node that got an answer to a request it sent (the clients, and the
  // balancer, which asks the servers), named by its id.
  await panel.getByTestId('metrics-by-node').click();
  await expect(panel.getByTestId('metrics-by-node')).toHaveAttribute('aria-pressed', 'true');
  const sent = new Map(trace.flatMap((e) => (e.kind === 'send' ? [[e.message.id, e.message] as const] : [])));
  const askers = new Set(
    trace.flatMap((e) => {
      const asked = e.kind === 'deliver' ? sent.get(sent.get(e.messageId)?.inReplyTo ?? '') : undefined;
      return asked && e.kind === 'deliver' && asked.from === e.node ? [e.node] : [];
    }),
  );
  expect([...askers].filter((id) => roleOf.get(id) === 'client').length).toBeGreaterThan(1);
  await expect(p99.locator('path.mp-line')).toHaveCount(askers.size);
  for (const id of [...askers].slice(0, 4)) await expect(p99.locator('.mp-latest')).toContainText(id);

  expect(
    (await new AxeBuilder({ page }).include('[data-testid="panel-metrics"]').analyze()).violations,
  ).toEqual([]);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await lesson.screenshot(`metrics-1280-${scheme}`);
  }
});
