/**
 * The learner's code is never lost: it is saved in IndexedDB, survives a reload, a reset can be undone (by
 * the notice, the editor's undo and History, also after a reload), a full storage says so at once, old
 * localStorage edits move over, and a lesson whose starter changed says so and offers both.
 */
import { expect, test, type Page } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';
import { clientLogging, STARTER_LOG } from './pages/source';

test.use({ viewport: { width: 1280, height: 800 } });
// Long learner flows (several reloads, two tabs or two browsers) on a machine shared with other builds.
test.describe.configure({ timeout: 180_000 });

const LESSON = 'request-reply';

test('reload keeps edits, saved in IndexedDB (not localStorage)', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.editClientLog('Pong');
  await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser.');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('edit')))).toEqual([]);
  await page.reload();
  await lesson.expectStatus('paused');
  await lesson.expectEditorCode('client', 'Pong:');
});

test('Reset, reload: the code before the reset is one click away (notice, editor undo, History)', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.editClientLog('Pong');

  await page.getByTestId('reset-role').click();
  await expect(page.getByTestId('reset-notice')).toContainText('client.ts is back to the starter code');
  await lesson.expectEditorCode('client', 'Pong:', true);
  // Undo from the notice.
  await page.getByTestId('undo-reset').click();
  await lesson.expectEditorCode('client', 'Pong:');

  // The editor's own undo brings the code back too.
  await page.getByTestId('reset-role').click();
  await lesson.expectEditorCode('client', STARTER_LOG);
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+Z');
  await lesson.expectEditorCode('client', 'Pong:');
  await page.getByTestId('reset-role').click();
  await lesson.expectEditorCode('client', STARTER_LOG);
  await lesson.expectSaved();

  // After a reload, History still has it.
  await page.reload();
  await lesson.expectStatus('paused');
  await page.getByTestId('role-tab-client').click();
  await lesson.expectEditorCode('client', STARTER_LOG);
  const menu = await lesson.openHistory();
  const before = menu.getByRole('menuitem', { name: /Before Reset to starter/ });
  await expect(before).toBeVisible();
  await lesson.screenshot('lesson-history-1280-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await lesson.screenshot('lesson-history-1280-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await before.click();
  await lesson.expectEditorCode('client', 'Pong:');
  await lesson.expectSaved();
  await page.reload();
  await lesson.expectStatus('paused');
  await lesson.expectEditorCode('client', 'Pong:');
});

test('Show solution, reload: the code before it is one click away (notice, editor undo, History)', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.editClientLog('Mine');
  const solutionLine = 'Request-reply that survives a non-idempotent server';

  const apply = async () => {
    await page.getByTestId('hint-button').click();
    await page.getByTestId('show-solution').click();
    await page.getByTestId('apply-solution').click();
    await lesson.expectEditorCode('client', solutionLine);
  };
  await apply();
  const notice = page.getByTestId('solution-applied');
  await expect(notice).toContainText('The solution replaced your code in client.ts');
  await expect(notice).toContainText('kept in History as “Before Show solution”');
  // Nothing of the learner's went to localStorage (the old seam): it is in History, in IndexedDB.
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('history')))).toEqual(
    [],
  );
  await lesson.screenshot('lesson-solution-applied-1280-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await lesson.screenshot('lesson-solution-applied-1280-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  // The notice's Undo.
  await page.getByTestId('undo-solution').click();
  await lesson.expectEditorCode('client', 'Mine:');
  await expect(notice).toBeHidden();

  // The editor's undo.
  await page.reload();
  await lesson.expectStatus('paused');
  await apply();
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+Z');
  await lesson.expectEditorCode('client', 'Mine:');
  await lesson.expectSaved();

  // After a reload, History has the code from before the solution.
  await apply();
  await lesson.expectSaved();
  await page.reload();
  await lesson.expectStatus('paused');
  await lesson.expectEditorCode('client', solutionLine);
  await page.getByTestId('role-tab-client').click();
  const menu = await lesson.openHistory();
  const before = menu.getByRole('menuitem', { name: /Before Show solution/ });
  await expect(before).toContainText('Mine:');
  await before.click();
  await lesson.expectEditorCode('client', 'Mine:');
  await lesson.expectSaved();
  await page.reload();
  await lesson.expectStatus('paused');
  await lesson.expectEditorCode('client', 'Mine:');
});

test('a browser that refuses all storage says so at once; the page still runs, code in memory', async ({
  page,
}) => {
  // Some private modes: IndexedDB will not open at all.
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException(
        'A mutation operation was attempted on a database that did not allow mutations.',
        'InvalidStateError',
      );
    };
  });
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  const failed = page.getByTestId('save-failed');
  await expect(failed).toContainText(
    'Nothing can be saved: this browser does not let the playground use its storage',
  );
  await expect(failed).toContainText('Your code stays in this tab only');
  await lesson.replaceCode('client', clientLogging('In memory'), 'In memory:');
  await expect(page.getByTestId('save-status')).toHaveText('Not saved (see above).');
  await expect(failed).toContainText('Nothing can be saved');
  // The learner's code runs from memory.
  await lesson.runToEnd();
  const logs = (await lesson.trace()).flatMap((e) => (e.kind === 'log' ? [e.text] : []));
  expect(logs.some((text) => text.startsWith('In memory: balance'))).toBe(true);
  await lesson.screenshot('lesson-storage-refused-1280-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await lesson.screenshot('lesson-storage-refused-1280-dark');
});

/** Every IndexedDB write throws QuotaExceededError while `window.__fullQuota` is true. */
async function stubQuota(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if ((window as { __fullQuota?: boolean }).__fullQuota)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
}

test('a full quota says so at once, keeps the edit on screen, and a reload offers the last saved version', async ({
  page,
}) => {
  await stubQuota(page);
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.editClientLog('Saved reply');

  await page.evaluate(() => ((window as { __fullQuota?: boolean }).__fullQuota = true));
  await lesson.replaceCode('client', clientLogging('Unsaved reply'), 'Unsaved reply:');
  await expect(page.getByTestId('save-failed')).toContainText('Not saved: this browser’s storage is full');
  await expect(page.getByTestId('save-status')).toHaveText('Not saved (see above).');
  await lesson.expectEditorCode('client', 'Unsaved reply:');
  // Nothing claims it is kept: a reset now is refused rather than losing the unsaved code.
  await page.getByTestId('reset-role').click();
  await expect(page.getByTestId('reset-notice')).toContainText('Nothing was reset');
  await lesson.expectEditorCode('client', 'Unsaved reply:');
  await lesson.screenshot('lesson-quota-full-1280-light');

  await page.reload(); // the stub starts again with room to spare
  await lesson.expectStatus('paused');
  await lesson.expectEditorCode('client', 'Saved reply:');
});

test('edits saved by an older version in localStorage move to IndexedDB once', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('./');
  await page.evaluate((source) => {
    localStorage.setItem('dpp:v1:edit:request-reply:client', JSON.stringify(source));
  }, clientLogging('Migrated'));
  await lesson.goto(LESSON);
  await lesson.expectEditorCode('client', 'Migrated:');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('dpp:v1:edit:request-reply:client')))
    .toBe(null);
  await page.reload();
  await lesson.expectStatus('paused');
  await lesson.expectEditorCode('client', 'Migrated:');
});

test('code written against an older starter says so and offers both', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  // A record as an older version of the lesson left it: another starter's hash.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('distributed-patterns-playground');
        open.onsuccess = () => {
          const tx = open.result.transaction('files', 'readwrite');
          tx.objectStore('files').put(
            {
              v: 1,
              starterHash: 'an-older-starter',
              // A role that compiles, so the page shows time 0 (a role with no default export is blocked).
              current: {
                source: '// my code for the old lesson\nexport default function client() {}\n',
                at: 0,
              },
              rev: 1,
              history: [],
            },
            'file\u0000request-reply\u0000client',
          );
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
        open.onerror = () => reject(new Error(String(open.error)));
      }),
  );
  await page.reload();
  await lesson.expectStatus('paused');
  await expect(page.getByTestId('stale-starter-client')).toContainText('changed since you edited it');
  await lesson.expectEditorCode('client', 'my code for the old lesson');
  await page.getByTestId('stale-starter-client').getByRole('button', { name: 'Use the new starter' }).click();
  await lesson.expectEditorCode('client', STARTER_LOG);
  await page.getByTestId('role-tab-client').click();
  const menu = await lesson.openHistory();
  await menu.getByRole('menuitem', { name: /Before Use the new starter/ }).click();
  await lesson.expectEditorCode('client', 'my code for the old lesson');
});
