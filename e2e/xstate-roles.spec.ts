/**
 * XState in role code in Chromium: a node Worker runs the machine on the node's virtual clock, so the trace
 * is the one Node gives with a realm per node (VmHost), seed for seed; and the editor has XState's typings.
 */
import { expect, test } from '@playwright/test';
import type { HarnessRunResult } from './harness/engine';
import { xstateRoles, xstateScenario } from './harness/xstate-scenario';
import { runScenario } from '../workers/host/headless';
import { VmHost } from '../scripts/lib/realm/vm-host';
import { LessonPage } from './pages/LessonPage';
import { lessonFile } from './pages/source';

test('an XState machine with `after` delays gives the hash of Node, under a pause and a skew', async ({
  page,
}) => {
  await page.goto('e2e/harness/engine.html');
  await expect.poll(() => page.evaluate(() => '__engineHarness' in window)).toBe(true);
  const options = { scenario: xstateScenario, roles: xstateRoles, seed: 3 };
  const browser = (await page.evaluate((o) => window.__engineHarness.run(o), options)) as HarnessRunResult;
  if (!browser.ok) throw new Error(JSON.stringify(browser.errors));
  const host = new VmHost();
  const node = await runScenario({ ...options, host });
  await host.dispose();
  if (!node.ok) throw new Error(JSON.stringify(node.errors));
  const states = browser.events.flatMap((e) => (e.kind === 'log' && e.node === 'blinker-1' ? [e.text] : []));
  expect(states.length).toBeGreaterThan(10);
  expect(states[0]).toBe('off 0 0 x:0');
  expect(browser.events.filter((e) => e.kind === 'error')).toEqual([]);
  expect(browser.hash).toBe(node.hash);
});

test('the editor knows XState: a misspelt actor method is a type error on the right line', async ({
  page,
}) => {
  const lesson = new LessonPage(page);
  await lesson.goto('circuit-breaker');
  const solution = lessonFile('08-resiliency/02-circuit-breaker/solution/gateway.ts');
  const misspelt = solution.replace("actor.send({ type: 'probe' })", "actor.sendd({ type: 'probe' })");
  expect(misspelt).not.toBe(solution);
  await lesson.replaceCode('gateway', `${misspelt}// misspelt\n`, 'misspelt');
  const line = misspelt.split('\n').findIndex((l) => l.includes('actor.sendd(')) + 1;
  // Only XState's typings know that an Actor has `send` and no `sendd`: without them `actor` is unresolved.
  await expect
    .poll(
      async () =>
        (await lesson.api('markers')).filter(
          (m) => m.line === line && /Property 'sendd' does not exist on type 'Actor<.*'/.test(m.message),
        ).length,
      { timeout: 30_000 },
    )
    .toBe(1);
  const markers = await lesson.api('markers');
  expect(markers.filter((m) => m.message.includes("Cannot find module 'xstate'"))).toEqual([]);
});
