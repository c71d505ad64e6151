/**
 * Compare: after an edit, the rerun of the same seed says where it first differs from the run before the
 * edit (nothing, for an edit that changes no behaviour), and jumps there.
 */
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';
import { clientLogging, clientStarter } from './pages/source';

test.use({ viewport: { width: 1280, height: 800 } });

test('an edit that changes nothing says so; one that does shows where the runs part', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto('request-reply');
  await lesson.runToEnd();
  await expect(page.getByTestId('compare')).toHaveCount(0);

  // A comment changes no behaviour: the same trace.
  await lesson.replaceCode('client', `// a comment\n${clientStarter}`, 'a comment');
  await lesson.rerunFromEditor();
  await lesson.runToEnd();
  await expect(page.getByTestId('compare')).toHaveAttribute('data-kind', 'same');
  await expect(page.getByTestId('compare')).toContainText('changed nothing');

  // A new log text: the runs part at the client's first log of a confirmed deposit.
  await lesson.replaceCode('client', clientLogging('Pong'), 'Pong:');
  await lesson.rerunFromEditor();
  await lesson.runToEnd();
  const compare = page.getByTestId('compare');
  await expect(compare).toHaveAttribute('data-kind', 'differs');
  const at = Number(await compare.getAttribute('data-at'));
  const firstLog = (await lesson.trace()).find((e) => e.kind === 'log' && e.text.startsWith('Pong: balance'));
  expect(at).toBe(firstLog?.t);
  await expect(compare).toContainText('client logs “Pong: balance');
  await page.getByTestId('compare-seek').click();
  await expect.poll(() => lesson.api('cursor')).toBe(at);
});
