/**
 * XState in role code in Chromium: a node Worker runs the machine on the node's virtual clock, so the trace
 * is the one Node gives with a realm per node (VmHost), seed for seed.
 */
import { expect, test } from '@playwright/test';
import type { HarnessRunResult } from './harness/engine';
import { xstateRoles, xstateScenario } from './harness/xstate-scenario';
import { runScenario } from '../workers/host/headless';
import { VmHost } from '../scripts/lib/realm/vm-host';

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
