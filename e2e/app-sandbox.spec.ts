/**
 * The sandbox (issue 10, chapter 12): a system built from nothing in the browser, run, found again after
 * a reload; an invalid scenario says what is wrong; a share link opens it as someone else's new sandbox.
 */
import { expect, test } from '@playwright/test';
import { violationsInBothSchemes } from './pages/axe';
import { SandboxPage } from './pages/SandboxPage';

test.use({ viewport: { width: 1280, height: 800 } });

const pinger = `import type { Node } from '@playground/node';

export default function pinger(node: Node) {
  node.setTimer(100, () => {
    for (const peer of node.peers('ponger')) node.send(peer, 'ping', { text: 'hello' });
  });
  node.on('ping_ok', (msg) => node.log(\`answer: \${msg.body.text}\`));
}
`;

const ponger = `import type { Node } from '@playground/node';

export default function ponger(node: Node) {
  node.on('ping', (msg) => {
    node.log(\`ponger got \${msg.body.text} from \${msg.from}\`);
    node.reply(msg, { text: 'pong' });
  });
}
`;

/** The pings the trace delivered, as [node, virtual ms]. */
async function pings(sandbox: SandboxPage): Promise<[string, number][]> {
  return (await sandbox.trace()).flatMap((e) =>
    e.kind === 'deliver' && e.type === 'ping' ? [[e.node, e.t] as [string, number]] : [],
  );
}

/** Two roles, one node each, a 40 ms link, code where one pings the other. */
async function buildPingPong(sandbox: SandboxPage): Promise<void> {
  await expect(sandbox.page.getByTestId('stage-empty')).toContainText('An empty sandbox');
  await sandbox.addRole('pinger');
  await sandbox.addRole('ponger');
  await sandbox.addLink('pinger', 'ponger', 40);
  await expect(sandbox.problems()).toBeHidden();
  await sandbox.replaceCode('pinger', pinger, "node.send(peer, 'ping'");
  await sandbox.replaceCode('ponger', ponger, 'node.reply(msg');
  await sandbox.expectSaved();
}

test('a two-node system built from nothing runs, delivers its message, and is there after a reload', async ({
  page,
}) => {
  const sandbox = new SandboxPage(page);
  await sandbox.openFromCourseMap();
  await buildPingPong(sandbox);

  await sandbox.runToEnd();
  // Sent at 100 ms over the 40 ms link: the link's latency, not the network's 5 ms.
  expect(await pings(sandbox)).toEqual([['ponger', 140]]);
  const console = await sandbox.console();
  await expect(console).toContainText('ponger got hello from pinger');
  await expect(console).toContainText('answer: pong');
  await expect(sandbox.node('ponger')).toBeVisible();
  // A sandbox has no checks, and says so.
  await expect(page.getByTestId('check-button')).toHaveCount(0);
  await page.getByTestId('tab-checks').click();
  await expect(page.getByTestId('no-checks')).toContainText('A sandbox has no checks');

  await page.reload();
  await sandbox.expectOpen();
  await expect(page.getByTestId('role-name-0')).toHaveValue('pinger');
  await expect(page.getByTestId('role-name-1')).toHaveValue('ponger');
  await expect(page.getByTestId('link-from-0')).toHaveValue('pinger');
  await expect(page.getByTestId('link-to-0')).toHaveValue('ponger');
  await expect(page.getByTestId('link-latency-0')).toHaveValue('40');
  await sandbox.expectEditorCode('pinger', "node.send(peer, 'ping'");
  await sandbox.expectEditorCode('ponger', 'ponger got');
  await sandbox.runToEnd();
  expect(await pings(sandbox)).toEqual([['ponger', 140]]);
});

test('a crash scheduled in the form happens in the run at its time, marked on the timeline, and is there after a reload', async ({
  page,
}) => {
  const sandbox = new SandboxPage(page);
  await sandbox.openFromCourseMap();
  await buildPingPong(sandbox);
  // The ping leaves at 100 ms and would land at 140 ms: ponger is down from 120 to 620 ms.
  await sandbox.addFault({ kind: 'crash', node: 'ponger', atMs: 120, forMs: 500 });
  await expect(sandbox.problems()).toBeHidden();
  await sandbox.expectSaved();

  const crashAndRestart = async () => {
    await sandbox.runToEnd();
    const trace = await sandbox.trace();
    expect(
      trace.flatMap((e) =>
        (e.kind === 'crash' || e.kind === 'restart') && e.node === 'ponger' ? [[e.kind, e.t]] : [],
      ),
    ).toEqual([
      ['crash', 120],
      ['restart', 620],
    ]);
    expect(await pings(sandbox)).toEqual([]);
    expect(trace.some((e) => e.kind === 'drop' && e.type === 'ping' && e.reason === 'crashed')).toBe(true);
    await expect(page.locator('.tl-faults title')).toHaveText([
      '120 ms: crash ponger',
      '620 ms: restart ponger',
    ]);
    await sandbox.seek(200);
    await expect(sandbox.node('ponger')).toHaveAccessibleName(/crashed/);
    await sandbox.seek(700);
    await expect(sandbox.node('ponger')).not.toHaveAccessibleName(/crashed/);
  };
  await crashAndRestart();

  await page.reload();
  await sandbox.expectOpen();
  await expect(page.getByTestId('fault-kind-0')).toHaveValue('crash');
  await expect(page.getByTestId('fault-node-0')).toHaveValue('ponger');
  await expect(page.getByTestId('fault-at-0')).toHaveValue('120');
  await expect(page.getByTestId('fault-for-0')).toHaveValue('500');
  await crashAndRestart();

  // A fault that starts after the run ends is named, and nothing new runs.
  await page.getByTestId('fault-at-0').fill('20000');
  await expect(sandbox.problems()).toContainText(
    'Fault 1 (crash of ponger): it starts at 20000 ms, but the run ends at 10000 ms',
  );
  await expect(sandbox.runButton).toBeDisabled();
});

test('an invalid scenario says what is wrong, naming the role or link, and does not run', async ({
  page,
}) => {
  const sandbox = new SandboxPage(page);
  await sandbox.openFromCourseMap();
  await sandbox.addRole('client');
  await sandbox.addRole('server');
  await sandbox.addLink('client', 'server', 10);

  await page.getByTestId('role-count-1').fill('0');
  await expect(sandbox.problems()).toContainText('Role 2 (“server”): it needs at least one node');
  await expect(page.getByTestId('role-count-1')).toHaveAttribute('aria-invalid', 'true');
  await expect(sandbox.runButton).toBeDisabled();
  await page.getByTestId('role-count-1').fill('1');
  await expect(sandbox.problems()).toBeHidden();

  await page.getByTestId('link-latency-0').fill('-5');
  await expect(sandbox.problems()).toContainText('Link 1 (client ↔ server): the latency cannot be negative');
  await page.getByTestId('link-latency-0').fill('5');

  // Removing a role leaves the link that named it pointing nowhere: said, with the roles there are.
  await page.getByTestId('remove-role-1').click();
  await expect(sandbox.problems()).toContainText(
    'Link 1 (client ↔ server): “server” is not a role (the roles are “client”)',
  );
  await expect(sandbox.runButton).toBeDisabled();

  // A name that cannot be a role is refused before the rename, with the reason beside the field.
  const name = page.getByTestId('role-name-0');
  await name.fill('My Client');
  await name.press('Enter');
  await expect(sandbox.panel.getByRole('alert').filter({ hasText: 'lowercase letters' })).toBeVisible();
  await name.press('Escape');
  await expect(name).toHaveValue('client');

  await page.getByTestId('remove-link-0').click();
  await expect(sandbox.problems()).toBeHidden();
  await expect(sandbox.runButton).toBeEnabled();
});

test('a share link opens as a new sandbox with someone else’s code, which runs only when asked', async ({
  page,
  browser,
}) => {
  const sandbox = new SandboxPage(page);
  await sandbox.openFromCourseMap();
  await buildPingPong(sandbox);
  await page.getByTestId('share-button').click();
  const url = await page.getByTestId('share-url').inputValue();

  const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const theirs = new SandboxPage(other);
  await other.goto(url);
  await theirs.expectOpen();
  await expect(other).toHaveURL(/#\/sandbox\/[0-9a-f]{8}$/);
  await expect(other.getByTestId('share-notice')).toContainText('someone else wrote it');
  await expect(other.getByTestId('run-held')).toBeVisible();
  await expect(other.getByTestId('link-latency-0')).toHaveValue('40');
  expect(await theirs.trace()).toEqual([]);
  await theirs.runToEnd();
  expect(await pings(theirs)).toEqual([['ponger', 140]]);
  await other.close();
});

test('Export progress carries a sandbox; Import progress in an empty browser brings it back, runnable', async ({
  page,
  browser,
}) => {
  const sandbox = new SandboxPage(page);
  await sandbox.openFromCourseMap();
  await buildPingPong(sandbox);
  const name = page.getByTestId('sandbox-name');
  await name.fill('Ping pong');
  await name.press('Enter');
  await sandbox.expectSaved();
  await page.goto('./#/');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-progress').click();
  const file = await (await downloading).path();

  // A fresh browser context is a cleared one: no sandbox, no code.
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const other = await fresh.newPage();
  await other.goto('./#/');
  await other.getByTestId('import-file').setInputFiles(file);
  await expect(other.getByTestId('import-ask')).toContainText('It has 1 sandbox too.');
  await other.getByTestId('import-confirm').click();
  await expect(other.getByTestId('import-result')).toContainText('with 1 sandbox.');

  const theirs = new SandboxPage(other);
  await other.getByTestId('course-sandbox-link').click();
  await theirs.expectOpen();
  await expect(other.getByTestId('sandbox-select').locator('option')).toHaveText(['Ping pong']);
  await expect(other.getByTestId('role-name-0')).toHaveValue('pinger');
  await expect(other.getByTestId('link-latency-0')).toHaveValue('40');
  await theirs.expectEditorCode('pinger', "node.send(peer, 'ping'");
  await theirs.runToEnd();
  expect(await pings(theirs)).toEqual([['ponger', 140]]);
  await fresh.close();
});

test('a progress file with a damaged sandbox is refused, naming the sandbox and the field', async ({
  page,
}) => {
  await page.goto('./#/');
  const sandbox = {
    v: 1,
    id: 'ab12cd34',
    name: 'Broken one',
    scenario: { roles: [{ name: 'client', count: -1 }], links: [] },
    at: 1,
  };
  await page.getByTestId('import-file').setInputFiles({
    name: 'progress.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'distributed-patterns-playground/progress',
        v: 1,
        exportedAt: new Date(0).toISOString(),
        progress: {},
        files: [],
        sandboxes: [sandbox],
      }),
    ),
  });
  await expect(page.getByTestId('import-result')).toContainText(
    'This file cannot be imported: its sandbox 1 (“Broken one”) is damaged (at scenario.',
  );
});

test('several sandboxes: new, rename, switch, delete', async ({ page }) => {
  const sandbox = new SandboxPage(page);
  await sandbox.openFromCourseMap();
  await sandbox.addRole('alpha');
  const name = page.getByTestId('sandbox-name');
  await name.fill('First');
  await name.press('Enter');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('First');

  await page.getByTestId('new-sandbox').click();
  await expect(page.getByTestId('stage-empty')).toContainText('An empty sandbox');
  await expect(page.getByTestId('role-name-0')).toHaveCount(0);
  const select = page.getByTestId('sandbox-select');
  await expect(select.locator('option')).toHaveText(['First', /^Sandbox \d+$/]);

  await select.selectOption({ label: 'First' });
  await expect(page.getByTestId('role-name-0')).toHaveValue('alpha');
  await page.getByTestId('delete-sandbox').click();
  await page.getByTestId('confirm-delete').click();
  await expect(select.locator('option')).toHaveCount(1);
  await expect(select.locator('option')).not.toHaveText(['First']);
});

test('the sandbox is axe-clean and fits 1280x800 and 1920x1080 (light and dark)', async ({ page }) => {
  // Builds a system, runs it and checks three states: longer than one lesson test.
  test.setTimeout(120_000);
  const sandbox = new SandboxPage(page);
  await sandbox.openFromCourseMap();
  expect(await violationsInBothSchemes(page)).toEqual([]);
  await buildPingPong(sandbox);
  await sandbox.addRole('watcher', 3);
  await page.getByTestId('link-loss-0').fill('10');
  await sandbox.addFault({ kind: 'partition', node: 'pinger', peer: 'watcher', atMs: 1000, forMs: 500 });
  await sandbox.setSpeed('1×');
  await sandbox.runUntil(150);
  const shoot = (name: string) => (scheme: string) =>
    page.screenshot({ path: `e2e/screenshots/${name}-${scheme}.png` }).then(() => undefined);
  expect(await violationsInBothSchemes(page, shoot('sandbox-1280'))).toEqual([]);
  await page.setViewportSize({ width: 1920, height: 1080 });
  expect(await violationsInBothSchemes(page, shoot('sandbox-1920'))).toEqual([]);
  await page.getByTestId('role-count-2').fill('0');
  await expect(sandbox.problems()).toBeVisible();
  expect(await violationsInBothSchemes(page, shoot('sandbox-invalid-1920'))).toEqual([]);
});
