/**
 * Faults by clicking: crash a node from the graph and watch requests to it fail; partition a link and heal
 * it. Each fault is recorded into the run's scenario with its virtual time, so the run replays with it.
 */
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';

// The smallest screen we design for; tests that check the big one set their own size.
test.use({ viewport: { width: 1280, height: 800 } });

const LESSON = 'request-reply';

test('crash the server from the graph: requests to it fail', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  // Run it once, then go back to between the client's first and second request (one a second), well before
  // the scenario's own crash at 4 s: the crash lands there and the run replays with it.
  await lesson.runToEnd();
  await lesson.seek(1400);
  const at = Math.floor(await lesson.api('cursor'));
  await lesson.node('server').click();
  await page.screenshot({ path: 'e2e/screenshots/lesson-node-menu-1280-light.png' });
  await lesson.faultMenu().getByRole('menuitem', { name: 'Crash' }).click();
  await page.screenshot({ path: 'e2e/screenshots/lesson-after-crash-1280-light.png' });
  await lesson.runToEnd();

  const trace = await lesson.trace();
  const crash = trace.find((e) => e.kind === 'crash' && e.node === 'server');
  expect(crash?.t).toBe(at);
  // The scenario itself crashes the server at 4 s: a request dropped before then was dropped by our crash.
  const dropped = trace.find(
    (e) => e.kind === 'drop' && e.to === 'server' && e.reason === 'crashed' && e.t > at && e.t < 4000,
  );
  expect(dropped, JSON.stringify(trace.filter((e) => ['crash', 'drop'].includes(e.kind)))).toBeDefined();
  // The client numbers its requests 1, 2, 3... and so are its message ids (`client#3`).
  const request = dropped?.kind === 'drop' ? dropped.messageId.split('#')[1] : '?';
  await expect(await lesson.console()).toContainText(`request #${request} failed`);
  await expect(page.getByText('You added 1 fault')).toBeVisible();

  // The fault is part of the run now: restarting replays it at the same virtual time.
  await page.getByTestId('restart-button').click();
  await lesson.expectStatus('finished');
  const replayed = await lesson.trace();
  expect(replayed.find((e) => e.kind === 'crash' && e.node === 'server')?.t).toBe(at);
});

test('partition the link and heal it (in dark mode)', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.setSpeed('0.25×');
  await lesson.runUntil(1300);
  await lesson.faultOnLink('client', 'server', 'Both ways');
  await expect(lesson.graph.locator('.ng-link.is-cut')).toHaveCount(1);

  await lesson.runUntil(2600);
  await lesson.clickLink('client', 'server');
  await page.screenshot({ path: 'e2e/screenshots/lesson-link-menu-1280-dark.png' });
  await lesson.faultMenu().getByRole('menuitem', { name: 'Heal' }).click();
  await lesson.runToEnd();

  const trace = await lesson.trace();
  const partition = trace.find((e) => e.kind === 'partition');
  const heal = trace.find((e) => e.kind === 'heal');
  expect(partition).toBeDefined();
  expect(heal).toBeDefined();
  expect(heal!.t).toBeGreaterThan(partition!.t);
  expect(trace.some((e) => e.kind === 'drop' && e.reason === 'partition')).toBe(true);
  // After the heal the client gets replies again.
  expect(trace.some((e) => e.kind === 'log' && e.t > heal!.t && e.text.startsWith('Received reply'))).toBe(
    true,
  );
});
