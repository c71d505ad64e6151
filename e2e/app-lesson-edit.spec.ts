/**
 * Edit and rerun: a changed role recompiles and the run restarts with the same seed; a syntax error shows a
 * marker and blocks the run without losing the code.
 */
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';
import { lessonFile } from './pages/source';

// The smallest screen we design for; tests that check the big one set their own size.
test.use({ viewport: { width: 1280, height: 800 } });

const LESSON = 'request-reply';
const serverStarter = lessonFile('07-messaging/03-request-reply/roles/server.ts');

test('changing the echo reply text shows the new behaviour in the trace and the console', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.setSpeed('Max');
  await lesson.replaceCode(
    'server',
    serverStarter.replace('`Echo: ${msg.body.text}`', '`Pong: ${msg.body.text}`'),
    'Pong:',
  );
  await lesson.rerunFromEditor();
  await lesson.expectStatus('finished');

  const logs = (await lesson.trace()).flatMap((e) => (e.kind === 'log' ? [e.text] : []));
  expect(logs.some((text) => text.startsWith('Received reply: Pong: Hello'))).toBe(true);
  expect(logs.some((text) => text.includes('Echo:'))).toBe(false);
  await expect(await lesson.console()).toContainText('Received reply: Pong: Hello, server!');

  // The edit survives a reload.
  await page.reload();
  await lesson.expectStatus('paused');
  // The editor opens on the exercise's file (the client); the edit is on the server's tab.
  await page.getByTestId('role-tab-server').click();
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('Pong:');
  await page.getByTestId('reset-role').click();
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('Echo:');
});

test('a syntax error shows a marker and blocks the run; fixing it runs again', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  const broken = serverStarter.replace('node.on(', 'node.on((');
  await lesson.replaceCode('server', broken, "node.on(('echo'");
  await lesson.runButton.click();

  await lesson.expectStatus('failed');
  await expect(page.getByTestId('run-blocked')).toContainText('does not compile');
  await expect(page.getByTestId('compile-errors')).toContainText('roles/server.ts');
  await expect
    .poll(
      async () =>
        (await lesson.api('markers')).filter(
          (m) => m.severity === 'error' && m.file.endsWith('roles/server.ts'),
        ).length,
    )
    .toBeGreaterThan(0);
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  expect(await lesson.api('trace')).toEqual([]);
  await page.screenshot({ path: 'e2e/screenshots/lesson-compile-error-1280-light.png' });

  // Nothing was lost: fix the code and the run goes.
  await lesson.replaceCode('server', serverStarter, "node.on('echo'");
  await lesson.setSpeed('Max');
  await lesson.runButton.click();
  await lesson.expectStatus('finished');
});

test('Check runs the lesson checks over many seeds and names a failing seed to replay', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await page.getByTestId('check-button').click();
  const results = page.getByTestId('check-results');
  // The starter client does not retry: with a lossy network some request goes unanswered.
  await expect(results).toContainText('every request gets a reply', { timeout: 60_000 });
  await expect(results).toContainText(/checks failed/);
  await page.screenshot({ path: 'e2e/screenshots/lesson-checks-1280-light.png' });
  const replay = results.getByRole('button', { name: /Replay seed \d+/ }).first();
  const seed = Number((await replay.textContent())?.match(/\d+/)?.[0]);
  await replay.click();
  await expect.poll(() => lesson.api('seed')).toBe(seed);
});

test('the editor knows the node API: a misspelt method is a type error on the right line', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.replaceCode(
    'server',
    serverStarter.replace('node.reply(msg', 'node.replyy(msg'),
    'node.replyy(',
  );
  const line = serverStarter.split('\n').findIndex((l) => l.includes('node.reply(msg')) + 1;
  await expect
    .poll(
      async () =>
        (await lesson.api('markers')).filter(
          (m) => m.line === line && m.message.includes("Property 'replyy' does not exist on type 'Node'"),
        ).length,
      { timeout: 30_000 },
    )
    .toBe(1);
});
