/**
 * Export then import: progress and code move to a fresh browser through a JSON file, and an import over
 * code already there asks first and keeps that code in History.
 */
import { expect, test } from '@playwright/test';
import { CourseMap } from './pages/CourseMap';
import { LessonPage } from './pages/LessonPage';
import { clientLogging } from './pages/source';

test.use({ viewport: { width: 1280, height: 800 } });
// Long learner flows (several reloads, two tabs or two browsers) on a machine shared with other builds.
test.describe.configure({ timeout: 180_000 });

const LESSON = 'request-reply';

test('export then import restores progress and edits in a fresh browser context', async ({
  page,
  browser,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON, 2);
  await lesson.replaceCode('client', clientLogging('Exported'), 'Exported:');
  await lesson.expectSaved();

  const map = new CourseMap(page);
  await map.goto();
  await expect(map.lessonLink(LESSON)).toHaveAttribute('data-status', 'in-progress');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-progress').click();
  const file = await (await downloading).path();

  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const other = await fresh.newPage();
  const otherMap = new CourseMap(other);
  // The fresh browser has code of its own for the lesson: the import must not drop it silently.
  const otherLesson = new LessonPage(other);
  await otherLesson.goto(LESSON);
  await otherLesson.replaceCode('client', clientLogging('Here before'), 'Here before:');
  await otherLesson.expectSaved();
  await otherMap.goto();
  await other.getByTestId('import-file').setInputFiles(file);
  const ask = other.getByTestId('import-ask');
  await expect(ask).toContainText(
    'the file’s code goes on screen and yours is kept in History as “Before import”',
  );
  await expect(ask).toContainText(`${LESSON}: client.ts`);
  await other.screenshot({ path: 'e2e/screenshots/course-import-ask-1280-light.png' });
  await other.getByTestId('import-confirm').click();
  await expect(other.getByTestId('import-result')).toContainText('Imported progress for');
  await expect(otherMap.lessonLink(LESSON)).toHaveAttribute('data-status', 'in-progress');
  await expect(otherMap.lessonLink(LESSON)).toContainText('step 2 of');

  await otherLesson.goto(LESSON);
  await otherLesson.expectEditorCode('client', 'Exported:');
  await other.getByTestId('role-tab-client').click();
  const menu = await otherLesson.openHistory();
  await expect(menu.getByRole('menuitem', { name: /Before import/ })).toContainText('Here before:');
  await fresh.close();
});

test('a file that is not a progress file is refused with a reason', async ({ page }) => {
  const map = new CourseMap(page);
  await map.goto();
  await page.getByTestId('import-file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ hello: 'world' })),
  });
  await expect(page.getByTestId('import-result')).toContainText(
    'This file cannot be imported: it is not a progress file of this playground.',
  );
});
