/**
 * Share links: a link made on one browser opens the same code, seed and faults on another, and the run
 * there has the same trace hash. A damaged link says so instead of opening something else.
 */
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';
import { lessonFile } from './pages/source';

test.use({ viewport: { width: 1280, height: 800 } });

const LESSON = 'request-reply';

test('a share link reproduces code, seed, faults and trace in a fresh browser', async ({ page, browser }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  const client = lessonFile('07-messaging/03-request-reply/roles/client.ts').replace(
    ': balance ${reply.body.balance}',
    ': shared balance ${reply.body.balance}',
  );
  // The editor shows the end of the file after a paste: mark it there.
  await lesson.replaceCode('client', `${client}// shared\n`, '// shared');
  await lesson.rerunFromEditor();
  // Monaco re-indents pasted text: compare what the run compiled, not the text we typed.
  await expect.poll(() => lesson.api('code').then((c) => c.client)).toContain('shared balance');
  await lesson.setSeed(5);
  await expect.poll(() => lesson.api('seed')).toBe(5);
  // Rerunning from the editor keeps the run going; the new seed restarts it, still running.
  await lesson.setSpeed('1×');
  await expect.poll(() => lesson.api('cursor'), { timeout: 30_000 }).toBeGreaterThanOrEqual(1500);
  await lesson.pause();
  // The client: the scenario's nemesis pauses and crashes the server itself, so crash the other node.
  await lesson.faultOnNode('client', 'Crash');
  await lesson.runToEnd();
  const original = { code: await lesson.api('code'), hash: await lesson.api('traceHash') };

  await page.getByTestId('share-button').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#\/lesson\/request-reply\/1\?share=/);
  await lesson.screenshot('lesson-share-1280-light');

  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const other = new LessonPage(await fresh.newPage());
  await other.page.goto(url);
  await other.expectStatus('paused');
  await expect(other.page.getByTestId('share-notice')).toContainText('Opened a shared run');
  // The link has been read: it leaves the address bar, so a reload does not apply it again.
  await expect(other.page).not.toHaveURL(/share=/);
  expect(await other.api('seed')).toBe(5);
  expect(await other.api('code')).toEqual(original.code);
  await other.runToEnd();
  expect(await other.api('traceHash')).toBe(original.hash);
  expect((await other.trace()).some((e) => e.kind === 'crash' && e.node === 'client')).toBe(true);
  await fresh.close();
});

test('a damaged share link says so and leaves the lesson as it was', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('./#/lesson/request-reply/1?share=N4IgbiBcC-not-a-run');
  await expect(page.getByTestId('share-notice')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('share-notice')).toContainText('This share link cannot be opened');
  await lesson.expectStatus('paused');
  expect(await lesson.api('seed')).toBe(1);
  await lesson.screenshot('lesson-share-broken-1280-light');
});
