/**
 * Role code's Web Crypto in the browser: in the authentication lesson, auth signs every token with
 * crypto.subtle (HMAC-SHA256) and the intruders draw random bytes, in real node Workers. The run's trace hash
 * equals the headless CLI's for the same seed, so the deterministic crypto (workers/runtime/sim-subtle.ts)
 * is the same in a Worker as in a vm realm.
 */
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';
import { simTraceHash } from './pages/source';

test.use({ viewport: { width: 1280, height: 800 } });

test('a lesson that signs tokens gives the CLI’s trace hash in the browser', async ({ page }) => {
  test.setTimeout(240_000);
  const lesson = new LessonPage(page);
  await lesson.goto('authn-authz');
  await lesson.setSeed(5);
  await expect.poll(() => lesson.api('seed')).toBe(5);
  await lesson.runToEnd();
  const trace = await lesson.trace();
  // Tokens were issued (signed in auth's Worker) and no node failed.
  expect(trace.filter((e) => e.kind === 'send' && e.message.type === 'login_ok').length).toBeGreaterThan(10);
  expect(trace.filter((e) => e.kind === 'error')).toEqual([]);
  expect(await lesson.api('traceHash')).toBe(simTraceHash('authn-authz', 5));
});
