/**
 * Edit and rerun: a changed role recompiles and the run restarts with the same seed; a syntax error shows a
 * marker and blocks the run without losing the code.
 */
import { expect, test } from '@playwright/test';
import { LessonPage, QUICK_CHECK_SEEDS } from './pages/LessonPage';
import { clientStarter } from './pages/source';

// The smallest screen we design for; tests that check the big one set their own size.
test.use({ viewport: { width: 1280, height: 800 } });

const LESSON = 'request-reply';
/** The last line of the file: what the editor shows after a paste (it scrolls to the end). */
const lastLine = clientStarter.trimEnd().split('\n').pop()!.trim();

test('changing the client’s log line shows the new behaviour in the trace and the console', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.setSpeed('Max');
  // A marker line first and last: the editor shows the end after the paste, the top after a reload.
  const edited = clientStarter.replace(': balance ${reply.body.balance}', ': Pong ${reply.body.balance}');
  await lesson.replaceCode('client', `// edited: Pong\n${edited}// edited: Pong\n`, 'edited: Pong');
  await lesson.rerunFromEditor();
  await lesson.expectStatus('finished');

  const logs = (await lesson.trace()).flatMap((e) => (e.kind === 'log' ? [e.text] : []));
  expect(logs.some((text) => /^deposit #1 of \d+: Pong \d+$/.test(text))).toBe(true);
  expect(logs.some((text) => text.includes(': balance'))).toBe(false);
  await expect(await lesson.console()).toContainText(/deposit #1 of \d+: Pong/);

  // The edit survives a reload.
  await page.reload();
  await lesson.expectStatus('paused');
  const lines = page.locator('.monaco-editor .view-lines').first();
  await expect(lines).toContainText('edited: Pong');
  await page.getByTestId('reset-role').click();
  await expect(lines).toContainText('import type { Node }');
  await expect(lines).not.toContainText('edited: Pong');
});

test('a syntax error shows a marker and blocks the run; fixing it runs again', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  const broken = clientStarter.replace('node.setTimer(', 'node.setTimer((');
  await lesson.replaceCode('client', `${broken}// broken on purpose\n`, 'broken on purpose');
  await lesson.runButton.click();

  await lesson.expectStatus('failed');
  await expect(page.getByTestId('run-blocked')).toContainText('does not compile');
  await expect(page.getByTestId('compile-errors')).toContainText('roles/client.ts');
  await expect
    .poll(
      async () =>
        (await lesson.api('markers')).filter(
          (m) => m.severity === 'error' && m.file.endsWith('roles/client.ts'),
        ).length,
    )
    .toBeGreaterThan(0);
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  expect(await lesson.api('trace')).toEqual([]);
  await page.screenshot({ path: 'e2e/screenshots/lesson-compile-error-1280-light.png' });

  // Nothing was lost: fix the code and the run goes.
  await lesson.replaceCode('client', clientStarter, lastLine);
  await lesson.setSpeed('Max');
  await lesson.runButton.click();
  await lesson.expectStatus('finished');
});

test('Check runs the lesson checks over many seeds and names a failing seed to replay', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.useCheckSeeds(QUICK_CHECK_SEEDS);
  await lesson.goto(LESSON);
  await page.getByTestId('check-button').click();
  const results = page.getByTestId('check-results');
  // The starter client does not retry: a deposit that times out is never confirmed.
  await expect(results).toContainText('every deposit is confirmed', { timeout: 60_000 });
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
    'client',
    `${clientStarter.replace('node.rpc(', 'node.rpcc(')}// misspelt\n`,
    'misspelt',
  );
  const line = clientStarter.split('\n').findIndex((l) => l.includes('node.rpc(')) + 1;
  await expect
    .poll(
      async () =>
        (await lesson.api('markers')).filter(
          (m) => m.line === line && m.message.includes("Property 'rpcc' does not exist on type 'Node'"),
        ).length,
      { timeout: 30_000 },
    )
    .toBe(1);
});
