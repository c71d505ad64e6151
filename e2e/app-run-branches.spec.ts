/**
 * Forks as branches: a fault injected in the past forks the run; the run it forked from is kept as a branch,
 * the compare line says where the two part, and the branch switcher goes back to the run without the fault.
 */
import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';

test.use({ viewport: { width: 1280, height: 800 } });

test('a fault in the past forks the run; the old run is a branch to compare and go back to', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const lesson = new LessonPage(page);
  await lesson.goto('request-reply');
  await lesson.runToEnd();
  const before = (await lesson.trace()).length;
  await lesson.seek(10_150);
  const at = Math.floor(await lesson.api('cursor'));
  await lesson.faultOnNode('server', 'Crash');

  // The fork is compared with the run it left, and parts from it at or after the crash.
  const compare = page.getByTestId('compare');
  await expect(compare).toHaveAttribute('data-against', 'branch');
  await expect(compare).toHaveAttribute('data-kind', 'differs');
  expect(Number(await compare.getAttribute('data-at'))).toBeGreaterThanOrEqual(at);
  const branches = page.getByTestId('branches');
  await expect(branches.getByTestId('branch-current')).toContainText('at');
  const other = branches.getByTestId('branch');
  await expect(other).toHaveCount(1);
  await expect(other).toHaveText('without faults');

  // Back to the run without the fault: its trace again, and the fork is now the branch it is compared with.
  await other.click();
  await lesson.runToEnd();
  await expect.poll(async () => (await lesson.trace()).length).toBe(before);
  expect((await lesson.trace()).some((e) => e.kind === 'crash' && e.node === 'server' && e.t === at)).toBe(
    false,
  );
  await expect(branches.getByTestId('branch')).toHaveCount(1);
  await expect(branches.getByTestId('branch')).toContainText('at');
  await expect(compare).toHaveAttribute('data-against', 'branch');
});
