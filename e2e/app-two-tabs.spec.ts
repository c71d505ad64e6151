/**
 * Two tabs of one lesson: each knows of the other, sees the other's saves, and a save never overwrites the
 * other tab's code silently (it is kept in History as "Saved in another tab").
 */
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';

test.use({ viewport: { width: 1280, height: 800 } });
// Long learner flows (several reloads, two tabs or two browsers) on a machine shared with other builds.
test.describe.configure({ timeout: 180_000 });

const LESSON = 'request-reply';

test('two tabs do not clobber: each sees the other’s save, and both codes are kept', async ({ context }) => {
  const a = new LessonPage(await context.newPage());
  await a.goto(LESSON);
  await a.editClientLog('From A');

  const b = new LessonPage(await context.newPage());
  await b.goto(LESSON);
  await b.expectEditorCode('client', 'From A:');
  // The second tab knows of the first, and the first hears of the second.
  await expect(b.page.getByTestId('other-tab')).toContainText('open in another tab too');
  await expect(a.page.getByTestId('other-tab')).toContainText('open in another tab too');

  // A saves; B sees it and can take it.
  await a.editClientLog('Second from A');
  await expect(b.page.getByTestId('take-other-client')).toBeVisible();
  await b.screenshot('lesson-two-tabs-1280-light');
  await b.page.emulateMedia({ colorScheme: 'dark' });
  await b.screenshot('lesson-two-tabs-1280-dark');
  await b.page.emulateMedia({ colorScheme: 'light' });
  await b.page.getByTestId('take-other-client').click();
  await b.expectEditorCode('client', 'Second from A:');

  // B saves; A sees it, but types on without taking it: A's save keeps B's code as a version.
  await b.editClientLog('From B');
  await expect(a.page.getByTestId('take-other-client')).toBeVisible();
  await a.editClientLog('Third from A');
  await expect(a.page.getByTestId('overtook')).toContainText('kept in History as “Saved in another tab”');
  await a.page.getByTestId('role-tab-client').click();
  const menu = await a.openHistory();
  await menu.getByRole('menuitem', { name: /Saved in another tab/ }).click();
  await a.expectEditorCode('client', 'From B:');

  // And B, on a reload, finds A's last code still in its History.
  await a.expectSaved();
  await b.page.reload();
  await b.expectStatus('paused');
  await b.expectEditorCode('client', 'From B:');
  await b.page.getByTestId('role-tab-client').click();
  const bMenu = await b.openHistory();
  await bMenu.getByRole('menuitem', { name: /Before bringing back a version/ }).click();
  await b.expectEditorCode('client', 'Third from A:');
});
