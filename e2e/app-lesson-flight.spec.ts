/**
 * The graph is the hero: at a lesson's default speed a message stays on its link long enough to watch.
 * The screenshots are taken mid-flight, paused, so a reviewer can see the dots on the links.
 */
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';

test.use({ viewport: { width: 1280, height: 800 } });
test.setTimeout(90_000);

for (const { lesson: id, speed } of [
  { lesson: 'request-reply', speed: '0.02×' },
  { lesson: 'replicated-service', speed: '0.02×' },
]) {
  test(`${id}: the default speed lets messages fly visibly`, async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.goto(id);
    // Links of a few ms: the lesson opens slow enough for a typical message to take ~0.5 s of real time.
    expect(await lesson.speed()).toBe(speed);
    // Play, and pause as soon as a message is on a link. On a loaded machine the click can come late and
    // the message land first: then play on to the next one (a flash at 0.25× would almost never be caught).
    await expect(async () => {
      await lesson.run();
      await expect
        .poll(() => lesson.messagesInFlight(), { timeout: 15_000, intervals: [20] })
        .toBeGreaterThan(0);
      await lesson.pause();
      expect(await lesson.messagesInFlight()).toBeGreaterThan(0);
    }).toPass({ timeout: 60_000 });
    await lesson.screenshot(`lesson-${id}-in-flight-1280-light`);
  });
}

test('the learner’s speed choice sticks to the lesson across a reload', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto('request-reply');
  await lesson.setSpeed('1×');
  await page.reload();
  await lesson.expectStatus('paused');
  expect(await lesson.speed()).toBe('1×');
});
