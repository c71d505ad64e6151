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
  // Run it once, then go back to 10.15 s (a step of the timeline): after the nemesis has paused, crashed and restarted the server (seed 1),
  // before the client's third burst of deposits at 11 s. The crash lands there and the run replays with it.
  await lesson.runToEnd();
  await lesson.seek(10_150);
  const at = Math.floor(await lesson.api('cursor'));
  await lesson.node('server').click();
  await page.screenshot({ path: 'e2e/screenshots/lesson-node-menu-1280-light.png' });
  await lesson.faultMenu().getByRole('menuitem', { name: 'Crash' }).click();
  await page.screenshot({ path: 'e2e/screenshots/lesson-after-crash-1280-light.png' });
  await lesson.runToEnd();

  const trace = await lesson.trace();
  // The nemesis crashed the server earlier (seed 1: at 5909 ms); ours is the one after the seek.
  const crash = trace.find((e) => e.kind === 'crash' && e.node === 'server' && e.t >= at);
  expect(crash?.t).toBe(at);
  // The server stays down (nothing restarts it): a deposit dropped after our crash was dropped by it.
  const dropped = trace.find(
    (e) => e.kind === 'drop' && e.to === 'server' && e.reason === 'crashed' && e.t > at,
  );
  expect(dropped, JSON.stringify(trace.filter((e) => ['crash', 'drop'].includes(e.kind)))).toBeDefined();
  // The starter client sends each deposit once, in order 1, 2, 3..., and so are its message ids (`client#7`).
  const request = dropped?.kind === 'drop' ? dropped.messageId.split('#')[1] : '?';
  await expect(await lesson.console()).toContainText(`deposit #${request} failed`);
  await expect(page.getByText('You added 1 fault')).toBeVisible();

  // The fault is part of the run now: restarting replays it at the same virtual time.
  await page.getByTestId('restart-button').click();
  await lesson.expectStatus('finished');
  const replayed = await lesson.trace();
  expect(replayed.find((e) => e.kind === 'crash' && e.node === 'server' && e.t >= at)?.t).toBe(at);
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
  // After the heal replies reach the client again.
  expect(trace.some((e) => e.kind === 'deliver' && e.node === 'client' && e.t > heal!.t)).toBe(true);
});
