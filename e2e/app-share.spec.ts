/**
 * Share links: a link made on one browser opens the same code, seed and faults on another, and the run
 * there has the same trace hash once the learner runs it. The link's code is someone else's: it opens
 * beside the learner's own (never over it), survives a reload, and never runs until Run or Check. A damaged,
 * cut-short or oversized link says so instead of opening something else.
 */
import { expect, test, type Page } from '@playwright/test';
// lz-string is CommonJS: Node's ESM loader (which runs this file) offers only its default export.
import lz from 'lz-string';
import type { SharedRun } from '../app/share/shareLink';
import { LessonPage } from './pages/LessonPage';
import { clientLogging, clientStarter, STARTER_LOG } from './pages/source';

test.use({ viewport: { width: 1280, height: 800 } });
// Long learner flows (several reloads, two tabs or two browsers) on a machine shared with other builds.
test.describe.configure({ timeout: 180_000 });

const LESSON = 'request-reply';
/** A link's text as `encodeShare` makes it (the wire format, written out independently). */
const compress = (payload: unknown) => lz.compressToEncodedURIComponent(JSON.stringify(payload));
const encodeShare = (run: SharedRun) => compress({ v: 1, ...run });
const linkTo = (text: string) => `./#/lesson/${LESSON}/1?share=${text}`;
const shareUrl = (run: Partial<SharedRun>) =>
  linkTo(encodeShare({ lessonId: LESSON, seed: 3, code: {}, faults: [], ...run }));

/** Open a link in this tab; the lesson waits (its code is not run) or shows the learner's own. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('share-notice')).toBeVisible();
  await expect(page).not.toHaveURL(/share=/);
}

test('a share link reproduces code, seed, faults and trace in a fresh browser, once run', async ({
  page,
  browser,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.replaceCode('client', clientLogging('Shared echo'), 'Shared echo');
  await lesson.rerunFromEditor();
  // Monaco re-indents pasted text: compare what the run compiled, not the text we typed.
  await expect.poll(() => lesson.api('code').then((c) => c.client)).toContain('Shared echo');
  await lesson.setSeed(5);
  await expect.poll(() => lesson.api('seed')).toBe(5);
  await lesson.setSpeed('1×');
  await expect.poll(() => lesson.api('cursor'), { timeout: 30_000 }).toBeGreaterThanOrEqual(1500);
  await lesson.pause();
  // The client: the nemesis may crash the server itself (5.5-6.5 s), and the cursor may be past that by now.
  await lesson.faultOnNode('client', 'Crash');
  await lesson.runToEnd();
  const original = { code: await lesson.api('code'), hash: await lesson.api('traceHash') };

  await page.getByTestId('share-button').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#\/lesson\/request-reply\/1\?share=/);
  await lesson.screenshot('lesson-share-1280-light');

  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const other = new LessonPage(await fresh.newPage());
  await open(other.page, url);
  const notice = other.page.getByTestId('share-notice');
  await expect(notice).toContainText('Shared code from a link: someone else wrote it.');
  await expect(notice).toContainText('It has not run: read it, then press Run or Check.');
  // Nothing of the link has run, not even to show time 0.
  await other.expectStatus('idle');
  await expect(other.page.getByTestId('run-held')).toBeVisible();
  expect(await other.api('code')).toEqual({});
  expect(await other.api('seed')).toBe(5);
  await other.screenshot('lesson-share-notice-1280-light');
  await other.page.emulateMedia({ colorScheme: 'dark' });
  await other.screenshot('lesson-share-notice-1280-dark');
  await other.page.emulateMedia({ colorScheme: 'light' });
  await other.runToEnd();
  await expect(other.page.getByTestId('run-held')).toBeHidden();
  expect(await other.api('code')).toEqual(original.code);
  expect(await other.api('traceHash')).toBe(original.hash);
  expect((await other.trace()).some((e) => e.kind === 'crash' && e.node === 'client')).toBe(true);
  await fresh.close();
});

test('a share link over saved edits, then a reload, still offers both', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.editClientLog('Mine');

  await open(page, shareUrl({ code: { client: clientLogging('Theirs') } }));
  const notice = page.getByTestId('share-notice');
  await expect(notice).toContainText('someone else wrote it');
  await expect(notice).toContainText('Your own code is in the editor');
  await lesson.expectEditorCode('client', 'Mine:');

  await page.reload();
  await lesson.expectStatus('paused');
  await expect(notice).toContainText('Your own code is in the editor');
  await page.getByTestId('share-show-shared').click();
  await lesson.expectEditorCode('client', 'Theirs:');
  await expect(page.getByTestId('run-held')).toBeVisible();
  // The link's seed comes with its code, also when the address no longer holds the link.
  await expect.poll(() => lesson.api('seed')).toBe(3);

  await page.reload();
  await expect(notice).toContainText('It is in the editor');
  await lesson.expectEditorCode('client', 'Theirs:');
  // Still someone else's code after the reload: it waits to be run.
  await lesson.expectStatus('idle');
  await expect(page.getByTestId('run-held')).toBeVisible();
  await page.getByTestId('role-tab-client').click();
  const menu = await lesson.openHistory();
  await expect(menu.getByRole('menuitem', { name: /Shared code from link/ })).toContainText('Theirs:');
  await expect(menu.getByRole('menuitem', { name: /Your code before the shared link/ })).toContainText(
    'Mine:',
  );
  await page.keyboard.press('Escape');
  await page.getByTestId('share-show-own').click();
  await lesson.expectEditorCode('client', 'Mine:');
  await lesson.expectSaved();
  await page.getByTestId('share-dismiss').click();
  await expect(notice).toBeHidden();
  await page.reload();
  await lesson.expectStatus('paused');
  await expect(notice).toBeHidden();
  await lesson.expectEditorCode('client', 'Mine:');
});

test('a link not run yet keeps its seed and faults across a reload, and runs as the link made it', async ({
  page,
  browser,
}) => {
  const lesson = new LessonPage(page);
  const url = shareUrl({
    seed: 11,
    code: { client: clientLogging('Theirs') },
    faults: [{ at: 100, kind: 'crash', node: 'client' }],
  });
  await open(page, url);
  await expect(page.getByTestId('run-held')).toBeVisible();
  expect(await lesson.api('seed')).toBe(11);
  await expect(page.getByTestId('clear-faults')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('share-notice')).toContainText('It has not run');
  await lesson.expectEditorCode('client', 'Theirs:');
  await expect(page.getByTestId('seed')).toHaveValue('11');
  await expect(page.getByTestId('clear-faults')).toBeVisible();
  await lesson.expectStatus('idle');
  await lesson.runToEnd();
  expect(await lesson.api('seed')).toBe(11);
  const trace = await lesson.trace();
  expect(trace.some((e) => e.kind === 'crash' && e.node === 'client' && e.t === 100)).toBe(true);

  // The same run as a fresh browser's that runs the link straight away.
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const other = new LessonPage(await fresh.newPage());
  await open(other.page, url);
  await other.runToEnd();
  expect(await other.api('traceHash')).toBe(await lesson.api('traceHash'));
  await fresh.close();

  // Settled and replaced, the link's code is still in History, and brings its seed and faults back with it.
  await page.getByTestId('share-dismiss').click();
  await page.getByTestId('reset-role').click();
  await lesson.expectEditorCode('client', STARTER_LOG);
  await page.getByTestId('clear-faults').click();
  await lesson.setSeed(2);
  await expect(page.getByTestId('clear-faults')).toBeHidden();
  await page.reload();
  await lesson.expectStatus('paused');
  await expect(page.getByTestId('seed')).toHaveValue('1');
  await page.getByTestId('role-tab-client').click();
  const menu = await lesson.openHistory();
  await menu.getByRole('menuitem', { name: /Shared code from link/ }).click();
  await lesson.expectEditorCode('client', 'Theirs:');
  await expect(page.getByTestId('seed')).toHaveValue('11');
  await expect(page.getByTestId('clear-faults')).toBeVisible();
});

test('two links in a row lose nothing', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON);
  await lesson.editClientLog('Mine');
  await open(page, shareUrl({ code: { client: clientLogging('First link') } }));
  await page.getByTestId('share-show-shared').click();
  await lesson.expectEditorCode('client', 'First link:');
  // The learner builds on the first link's code...
  await lesson.editClientLog('Built on the first link');
  // ...and a second link arrives.
  await open(page, shareUrl({ code: { client: clientLogging('Second link') } }));
  await lesson.expectEditorCode('client', 'Built on the first link:');
  await page.reload();
  await lesson.expectStatus('paused');
  await page.getByTestId('role-tab-client').click();
  const menu = await lesson.openHistory();
  for (const text of ['Mine:', 'First link:', 'Built on the first link:', 'Second link:'])
    await expect(menu).toContainText(text);
});

/** A link's client that logs as soon as it runs: someone else's code that must wait for Run or Check. */
const hostileClient = clientStarter.replace(
  'export default function accountClient(node: Node) {',
  "export default function accountClient(node: Node) {\n  node.log('HOSTILE code ran');",
);

test('a hostile link does not run when the seed, speed or faults change', async ({ page }) => {
  const lesson = new LessonPage(page);
  expect(hostileClient).toContain('HOSTILE');
  await open(
    page,
    shareUrl({ code: { client: hostileClient }, faults: [{ at: 100, kind: 'crash', node: 'client' }] }),
  );
  await expect(page.getByTestId('run-held')).toBeVisible();
  const nothingRan = async () => {
    await lesson.expectStatus('idle');
    expect(await lesson.api('trace')).toEqual([]);
    expect(await lesson.api('code')).toEqual({});
  };
  await nothingRan();
  await lesson.setSeed(7);
  await expect.poll(() => lesson.api('seed')).toBe(7);
  await nothingRan();
  await lesson.setSpeed('Max');
  await nothingRan();
  await page.getByTestId('clear-faults').click();
  await expect(page.getByTestId('clear-faults')).toBeHidden();
  await nothingRan();
  await page.reload();
  await expect(page.getByTestId('run-held')).toBeVisible();
  await lesson.setSeed(8);
  await nothingRan();

  // Run is the learner's say-so.
  await lesson.runButton.click();
  await lesson.expectStatus('finished');
  const logs = (await lesson.trace()).flatMap((e) => (e.kind === 'log' ? [e.text] : []));
  expect(logs).toContain('HOSTILE code ran');
});

test('garbage, truncated and oversized links fall back with a message', async ({ page }) => {
  const lesson = new LessonPage(page);
  const good = encodeShare({
    lessonId: LESSON,
    seed: 9,
    code: { client: clientLogging('Theirs') },
    faults: [],
  });
  // Text that does not compress: far beyond what a link may carry.
  let noise = '';
  for (let i = 0; noise.length < 120_000; i++) noise += ((i * 2654435761) % 4294967296).toString(36);
  const oversized = compress({ v: 1, lessonId: LESSON, seed: 1, code: { client: noise }, faults: [] });
  expect(oversized.length).toBeGreaterThan(64_000);
  const cases: [string, RegExp][] = [
    ['N4IgbiBcC-not-a-run', /damaged or cut short/],
    [good.slice(0, Math.floor(good.length / 2)), /damaged or cut short/],
    [oversized, /more than the 64,000 a share link may have/],
  ];
  for (const [text, reason] of cases) {
    await page.goto(linkTo(text));
    const notice = page.getByTestId('share-notice');
    await expect(notice).toHaveAttribute('role', 'alert');
    await expect(notice).toContainText('This share link cannot be opened');
    await expect(notice).toContainText(reason);
    await lesson.expectStatus('paused');
    expect(await lesson.api('seed')).toBe(1);
    await lesson.expectEditorCode('client', STARTER_LOG);
    if (text === oversized) await lesson.screenshot('lesson-share-broken-1280-light');
    await page.goto('./');
  }
});

test('a malformed % in the address shows the error screen, not a blank page', async ({ page }) => {
  await page.goto('./#/lesson/request%E0%A4%A/1');
  await expect(page.getByTestId('error-screen')).toContainText('This link cannot be opened');
  await page.getByRole('link', { name: 'Back to the course' }).click();
  await expect(page.getByTestId('course-map')).toBeVisible();
});
