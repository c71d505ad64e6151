/**
 * One lesson per chapter from 5 on (8 has its own spec, app-ch8-resiliency.spec.ts), in the browser: its starter fails Check (CHAPTER_CHECK_SEEDS seeds, drawn faults: see LessonPage) with the
 * check a learner would fix first, and the reference solution, typed into the editor role by role, passes
 * every check on every seed.
 */
import { expect, test } from '@playwright/test';
import { CHAPTER_CHECK_SEEDS, LessonPage } from './pages/LessonPage';
import { lessonFile } from './pages/source';

interface ChapterLesson {
  chapter: number;
  id: string;
  dir: string;
  /** The roles the learner edits, whose solution files are typed in. */
  roles: string[];
  /** A check the starter fails. */
  fails: string;
}

const LESSONS: ChapterLesson[] = [
  {
    chapter: 5,
    id: 'session-affinity',
    dir: '05-replicated-services/03-session-affinity',
    roles: ['balancer'],
    fails: 'a user moves to another server only when theirs stops answering',
  },
  {
    chapter: 6,
    id: 'dns',
    dir: '06-service-discovery/01-dns',
    roles: ['client'],
    fails: 'nothing is sent to an instance stopped more than the TTL',
  },
  {
    chapter: 7,
    id: 'pub-sub',
    dir: '07-messaging/01-pub-sub',
    roles: ['broker', 'subscriber'],
    fails: 'every subscriber gets every item published after it subscribed',
  },
  {
    chapter: 9,
    id: 'centralized-logging',
    dir: '09-monitoring/01-centralized-logging',
    roles: ['collector', 'service'],
    fails: 'every line of an answered cart reaches the collector',
  },
  {
    chapter: 10,
    id: 'encryption',
    dir: '10-security/02-encryption',
    roles: ['app', 'vault'],
    fails: 'no secret and no key crosses the router',
  },
  {
    chapter: 11,
    id: 'blue-green',
    dir: '11-deployment/01-blue-green',
    roles: ['router'],
    fails: 'across the cutover',
  },
  {
    chapter: 12,
    id: 'capstone',
    dir: '12-conclusion/01-capstone',
    roles: ['gateway'],
    fails: 'every read returns your last write',
  },
];

for (const { chapter, id, dir, roles, fails } of LESSONS) {
  test(`chapter ${chapter}, ${id}: the starter fails Check, the solution passes it`, async ({ page }) => {
    test.setTimeout(420_000);
    const lesson = new LessonPage(page);
    await lesson.useCheckSeeds(CHAPTER_CHECK_SEEDS);
    await lesson.goto(id);
    const results = page.getByTestId('check-results');

    await page.getByTestId('check-button').click();
    await expect(results).toContainText(/checks failed/, { timeout: 180_000 });
    await expect(results.locator('li.failed').filter({ hasText: fails })).toHaveCount(1);

    for (const role of roles) {
      const solution = lessonFile(`${dir}/solution/${role}.ts`);
      // The last line with words on it: the editor holds the whole file once it shows that.
      const end = solution.trimEnd().split('\n').at(-2)!.trim();
      await lesson.replaceCode(role, solution, end);
    }
    await page.getByTestId('check-button').click();
    await expect(results).toContainText(
      new RegExp(`All \\d+ checks passed on ${CHAPTER_CHECK_SEEDS} seeds`),
      { timeout: 180_000 },
    );
  });
}
