/**
 * The engine in a real browser: the Worker host (kernel Worker + one Worker per node) gives the same trace as
 * the in-process host in Node, and an infinite loop in learner code crashes that node only, with a reason,
 * while the page stays responsive. Runs against the built harness page (e2e/harness/engine.html).
 */
import { expect, test, type Page } from '@playwright/test';
import type { TraceEvent } from '../workers/kernel/protocol';
import { runScenario } from '../workers/host/headless';
import type { HarnessRunOptions, HarnessRunResult } from './harness/engine';
import { harnessScenarios } from './harness/scenarios';

type Ok = Extract<HarnessRunResult, { ok: true }>;

async function openHarness(page: Page): Promise<void> {
  await page.goto('e2e/harness/engine.html');
  await expect.poll(() => page.evaluate(() => '__engineHarness' in window)).toBe(true);
}

async function runInBrowser(page: Page, options: HarnessRunOptions): Promise<Ok> {
  const result = await page.evaluate((o) => window.__engineHarness.run(o), options);
  if (!result.ok) throw new Error(`load failed: ${JSON.stringify(result.errors)}`);
  return result;
}

async function runInNode(
  scenarioId: string,
  seed: number,
): Promise<{ hash: string; trace: readonly TraceEvent[] }> {
  const { scenario, roles } = harnessScenarios[scenarioId]!;
  const outcome = await runScenario({ scenario, roles, seed });
  if (!outcome.ok) throw new Error(`load failed: ${JSON.stringify(outcome.errors)}`);
  return { hash: outcome.hash, trace: outcome.result.trace };
}

/** The first event where two traces part, to make a mismatch readable. */
function firstDifference(a: readonly TraceEvent[], b: readonly TraceEvent[]): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [JSON.stringify(a[i]), JSON.stringify(b[i])];
    if (x !== y) return `event ${i}:\n  node:    ${x}\n  browser: ${y}`;
  }
  return 'no difference in events';
}

test.describe('engine in Chromium (Worker host)', () => {
  test.beforeEach(async ({ page }) => openHarness(page));

  test('same scenario, roles and seed give the in-process hash; another seed another hash', async ({
    page,
  }) => {
    for (const seed of [7, 1234]) {
      const node = await runInNode('echo', seed);
      const browser = await runInBrowser(page, { scenarioId: 'echo', seed });
      expect(browser.hash, firstDifference(node.trace, browser.events)).toBe(node.hash);
      // The load exercised the network: losses, duplicates and rpc timeouts all happened.
      expect(browser.messages.dropped).toBeGreaterThan(0);
      expect(browser.messages.delivered).toBeGreaterThan(50);
    }
    const [a, b] = await Promise.all([runInNode('echo', 7), runInNode('echo', 8)]);
    expect(a.hash).not.toBe(b.hash);
    const other = await runInBrowser(page, { scenarioId: 'echo', seed: 8 });
    expect(other.hash).toBe(b.hash);
    expect(other.hash).not.toBe(a.hash);
  });

  test('faults drawn per seed replay exactly: the same hash as in Node, and other seeds draw other faults', async ({
    page,
  }) => {
    const drawn = (events: readonly TraceEvent[]) => JSON.stringify(events.find((e) => e.kind === 'nemesis'));
    const draws = new Set<string>();
    for (const seed of [7, 11]) {
      const node = await runInNode('echo-nemesis', seed);
      const browser = await runInBrowser(page, { scenarioId: 'echo-nemesis', seed });
      expect(browser.hash, firstDifference(node.trace, browser.events)).toBe(node.hash);
      expect(browser.events.some((e) => e.kind === 'crash')).toBe(true);
      expect(browser.events.some((e) => e.kind === 'pause')).toBe(true);
      draws.add(drawn(browser.events));
    }
    expect(draws.size).toBe(2);
  });

  test('a rerun reuses the node Workers and replays exactly', async ({ page }) => {
    const first = await runInBrowser(page, { scenarioId: 'echo', seed: 3 });
    const second = await runInBrowser(page, { scenarioId: 'echo', seed: 3 });
    expect(second.hash).toBe(first.hash);
    expect(second.nodeWorkers).toBe(3);
  });

  test('an infinite loop crashes that node with a reason; the others and the page go on', async ({
    page,
  }) => {
    const running = page.evaluate(() => window.__engineHarness.run({ scenarioId: 'echo-spin', seed: 7 }));
    let done = false;
    void running.finally(() => (done = true));
    // Round trips to the page while the kernel waits on the spinning node (~3 s): each must be quick.
    const roundTrips: number[] = [];
    while (!done) {
      const started = Date.now();
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 25)));
      roundTrips.push(Date.now() - started - 25);
    }
    const result = await running;
    if (!result.ok) throw new Error(JSON.stringify(result.errors));

    const crashes = result.events.filter((e) => e.kind === 'crash');
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({
      kind: 'crash',
      node: 'spinner',
      reason:
        "handling 'echo' from client-1: did not finish within 3 s (an infinite loop?); the run was stopped",
    });
    const crashedAt = crashes[0]!.t;
    // The run reached its end, and the other nodes kept exchanging messages after the crash.
    expect(result.virtualMs).toBe(400);
    const later = result.events.filter((e) => e.kind === 'deliver' && e.t > crashedAt + 100);
    expect(new Set(later.map((e) => ('node' in e ? e.node : '')))).toEqual(
      new Set(['server', 'client-1', 'client-2', 'spinner']),
    );
    // Restarted at 100 ms, the spinner runs in a fresh Worker and answers.
    expect(result.events).toContainEqual(expect.objectContaining({ kind: 'restart', node: 'spinner' }));
    expect(result.events).toContainEqual(
      expect.objectContaining({ kind: 'log', node: 'client-1', text: 'spinner answered after its restart' }),
    );

    // The watchdog really waited ~3 s, and the page answered all along: its own timer never stalled, and
    // round trips from the test stayed quick (the median: single ones also wait on a busy 2-core machine).
    expect(result.wallMs).toBeGreaterThan(3000);
    // A second is the bar: a stall that long is a frozen page; less is scheduling noise on a busy machine.
    expect(result.maxMainThreadGapMs).toBeLessThan(1000);
    expect(roundTrips.length).toBeGreaterThan(10);
    const median = [...roundTrips].sort((x, y) => x - y)[roundTrips.length >> 1]!;
    expect(median, `round trips (ms beyond 25): ${roundTrips.join(', ')}`).toBeLessThan(250);
  });
});
