/**
 * Containment in Chromium: one realm per node (a node's prototype pollution stays in it, and the trace is
 * the one Node gives with a realm per node, VmHost), and learner code cannot make Check pass (it never runs
 * in the Worker that computes and posts the verdict).
 */
import { expect, test } from '@playwright/test';
import type { HarnessRunResult } from './harness/engine';
import { startLoopback, type Loopback } from './harness/loopback';
import {
  escapeAttempts,
  escapeRole,
  escapeScenario,
  pollutionRoles,
  pollutionScenario,
  proberRoles,
} from './harness/realm-scenarios';
import { LessonPage, QUICK_CHECK_SEEDS } from './pages/LessonPage';
import { clientStarter } from './pages/source';
import { runScenario } from '../workers/host/headless';
import { VmHost } from '../scripts/lib/realm/vm-host';

test('prototype pollution stays in its node, and Chromium gives the hash of Node with a realm per node', async ({
  page,
}) => {
  await page.goto('e2e/harness/engine.html');
  await expect.poll(() => page.evaluate(() => '__engineHarness' in window)).toBe(true);
  const options = { scenario: pollutionScenario, roles: pollutionRoles, seed: 11 };
  const browser = (await page.evaluate((o) => window.__engineHarness.run(o), options)) as HarnessRunResult;
  if (!browser.ok) throw new Error(JSON.stringify(browser.errors));
  const host = new VmHost();
  const node = await runScenario({ ...options, host });
  await host.dispose();
  if (!node.ok) throw new Error(JSON.stringify(node.errors));
  const seen = browser.events.flatMap((e) => (e.kind === 'log' && e.node === 'observer' ? [e.text] : []));
  expect(seen.length).toBeGreaterThan(10);
  for (const text of seen) expect(text).toBe('observer sees undefined 1 {"a":1} 1.5');
  expect(browser.hash).toBe(node.hash);
});

/** What escapeAttempts tries (each must come out 'refused'). */
const ESCAPES = [
  'fetch',
  'xhr',
  'websocket',
  'eventsource',
  'import',
  'worker',
  'broadcast',
  'indexeddb',
  'caches',
  'storage',
];

/** Everything a learner could do to rewrite what its Worker posts into "passed". */
const FORGE = `const forge = (value: any): any => {
  if (Array.isArray(value)) return value.map(forge);
  if (value && typeof value === 'object') {
    const out: any = {};
    for (const key of Object.keys(value)) out[key] = key === 'passed' ? true : forge(value[key]);
    return out;
  }
  return value;
};
const scope: any = globalThis;
const realPost = scope.postMessage;
scope.postMessage = (message: unknown, transfer?: any) => realPost.call(scope, forge(message), transfer);
const portPost = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (message: unknown, transfer?: any) {
  return portPost.call(this, forge(message), transfer);
};
`;

/** request-reply's starter client (the lesson's editable role), plus the forgery. */
const FORGING_CLIENT = clientStarter.replace('const BURSTS', `${FORGE}\nconst BURSTS`);

test('Check cannot be made to pass by learner code that rewrites what its Worker posts', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.useCheckSeeds(QUICK_CHECK_SEEDS);
  await lesson.goto('request-reply');
  expect(FORGING_CLIENT).toContain('portPost.call');
  await lesson.replaceCode('client', FORGING_CLIENT, 'portPost.call');
  await page.getByTestId('check-button').click();
  const results = page.getByTestId('check-results');
  // The starter client does not retry: with a lossy network and a nemesis some deposit goes unconfirmed,
  // forged or not.
  await expect(results).toContainText(/checks failed/, { timeout: 60_000 });
  await expect(results).toContainText('every deposit is confirmed, and took effect exactly once');
});

test('a node Worker offers role code no network, channel, storage or real clock; same seed, same hash', async ({
  page,
}) => {
  await page.goto('e2e/harness/engine.html');
  await expect.poll(() => page.evaluate(() => '__engineHarness' in window)).toBe(true);
  const options = { scenario: pollutionScenario, roles: proberRoles, seed: 3 };
  const hashes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const run = (await page.evaluate((o) => window.__engineHarness.run(o), options)) as HarnessRunResult;
    if (!run.ok) throw new Error(JSON.stringify(run.errors));
    hashes.push(run.hash);
    const said = run.events.flatMap((e) =>
      e.kind === 'log' && e.node === 'polluter' && e.level === 'info' ? [e.text] : [],
    );
    expect(said).toEqual([
      'reachable: none',
      'Date.now refused',
      'Math.random refused',
      'performance.now refused',
    ]);
  }
  expect(new Set(hashes).size).toBe(1);
});

test.describe('with a listener on 127.0.0.1', () => {
  let loopback: Loopback;
  test.beforeEach(async () => {
    loopback = await startLoopback();
  });
  test.afterEach(async () => {
    await loopback.close();
  });

  test('in a Run, role code reaches no network, no other Worker, channel or storage: nothing arrives', async ({
    page,
  }) => {
    await page.goto('e2e/harness/engine.html');
    await expect.poll(() => page.evaluate(() => '__engineHarness' in window)).toBe(true);
    // The listener hears the page itself (no CSP there): what role code does below would be heard too.
    await page.evaluate(
      (url) => fetch(`${url}/control`, { mode: 'no-cors' }).then(() => undefined),
      loopback.url,
    );
    await expect.poll(() => loopback.requests()).toEqual(['GET /control']);

    const roles = [escapeRole('a', 'b', loopback.url), escapeRole('b', 'a', loopback.url)];
    const run = (await page.evaluate((o) => window.__engineHarness.run(o), {
      scenario: escapeScenario,
      roles,
      seed: 5,
    })) as HarnessRunResult;
    if (!run.ok) throw new Error(JSON.stringify(run.errors));
    const said = run.events.flatMap((e) => (e.kind === 'log' && e.text.startsWith('where') ? [e.text] : []));
    expect(said).toHaveLength(2);
    const refused = Object.fromEntries(ESCAPES.map((name) => [name, 'refused']));
    for (const text of said) {
      // An opaque origin of its own, still a secure context with crypto.subtle (data: module Worker).
      expect(text).toContain('where null secure=true subtle=object');
      expect(JSON.parse(text.slice(text.indexOf('{')))).toEqual(refused);
    }
    expect(run.events.some((e) => e.kind === 'deliver' && e.node === 'a')).toBe(true);
    expect(loopback.requests()).toEqual(['GET /control']);
    expect(loopback.connections()).toBe(1);
  });

  test('in Check, role code reaches nothing either, over every seed', async ({ page }) => {
    const lesson = new LessonPage(page);
    // Every seed's attempts are the same code: what matters is the realm reused across seeds, which five do.
    await lesson.useCheckSeeds(QUICK_CHECK_SEEDS);
    await lesson.goto('request-reply');
    const client = clientStarter.replace('const BURSTS', `${escapeAttempts(loopback.url)}\nconst BURSTS`);
    await lesson.replaceCode('client', client, loopback.url);
    await page.getByTestId('check-button').click();
    // The starter fails as it does without the attempts: they changed nothing of the run.
    const results = page.getByTestId('check-results');
    await expect(results).toContainText(/checks failed/, { timeout: 60_000 });
    await expect(results).toContainText('every deposit is confirmed, and took effect exactly once');
    expect(loopback.requests()).toEqual([]);
    expect(loopback.connections()).toBe(0);
  });
});

test('nothing of a run survives Rerun: its realms (and whatever they started) end with its Workers', async ({
  page,
}) => {
  await page.goto('e2e/harness/engine.html');
  await expect.poll(() => page.evaluate(() => '__engineHarness' in window)).toBe(true);
  // Each run leaves a mark on its global and a real message loop running; the next run looks for both.
  const marker = `const g: any = Function('return this')();
const before = String(g.survivor) + ' ' + String(g.ticks);
g.survivor = 'an earlier run';
const loop = new g.MessageChannel();
loop.port1.onmessage = () => { g.ticks = (g.ticks ?? 0) + 1; loop.port2.postMessage(0); };
loop.port2.postMessage(0);
export default function marker(node) {
  node.log('found', before);
  node.every(20, () => node.send(node.id === 'a' ? 'b' : 'a', 'ping', {}));
}
`;
  const roles = ['a', 'b'].map((role) => ({ role, file: `roles/${role}.ts`, source: marker }));
  for (let run = 0; run < 3; run++) {
    const result = (await page.evaluate((o) => window.__engineHarness.run(o), {
      scenario: escapeScenario,
      roles,
      seed: 2,
    })) as HarnessRunResult;
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const found = result.events.flatMap((e) =>
      e.kind === 'log' && e.text.startsWith('found') ? [e.text] : [],
    );
    expect(found).toEqual(['found undefined undefined', 'found undefined undefined']);
    // The kernel Worker and this run's two node Workers: the last run's are gone.
    await expect.poll(() => page.workers().length).toBe(3);
  }
});
