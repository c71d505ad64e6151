/**
 * The Worker host in headless Chromium beside a raw batched postMessage router, measured in the same page
 * (e2e/harness/bench.html of a test build, served from dist/ by scripts/serve-static.ts).
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { serveStatic } from '../serve-static';
import type { BenchApi, BenchRun } from '../../e2e/harness/bench';
import { launchChromium } from './chromium';
import type { Throughput } from './workload';

export interface BrowserFigure {
  nodes: number;
  workerHost: Throughput;
  baseline: Throughput;
  /** workerHost.msgsPerSec / baseline.msgsPerSec. */
  ratio: number;
}

/** Build the test pages when they are missing from `dist` (or when asked). */
export function ensureBuilt(dist: string, force: boolean, log: (line: string) => void): void {
  if (!force && existsSync(`${dist}/e2e/harness/bench.html`)) return;
  log('building the test pages (PLAYGROUND_TEST_API=1 npm run build)...');
  execSync('npm run build', {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PLAYGROUND_TEST_API: '1' },
  });
}

export async function browserThroughput(
  dist: string,
  nodeCounts: number[],
  inFlight: number,
  wallMs: number,
  log: (line: string) => void,
): Promise<BrowserFigure[]> {
  const { server, url } = await serveStatic({ root: dist, base: '/playground/' });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.goto(`${url}e2e/harness/bench.html`);
    await page.waitForFunction(() => '__bench' in window);
    const figures: BrowserFigure[] = [];
    for (const nodes of nodeCounts) {
      const run: BenchRun = { nodes, inFlight, wallMs };
      // Interleaved (baseline, host, baseline, host) so drift in machine load hits both alike; best of two each.
      const baselines: Throughput[] = [];
      const hosts: Throughput[] = [];
      for (let round = 0; round < 2; round++) {
        baselines.push(
          await page.evaluate((r) => (window as unknown as { __bench: BenchApi }).__bench.baseline(r), run),
        );
        hosts.push(
          await page.evaluate((r) => (window as unknown as { __bench: BenchApi }).__bench.workerHost(r), run),
        );
      }
      const best = (list: Throughput[]) => list.reduce((a, b) => (b.msgsPerSec > a.msgsPerSec ? b : a));
      const workerHost = best(hosts);
      const baseline = best(baselines);
      figures.push({ nodes, workerHost, baseline, ratio: workerHost.msgsPerSec / baseline.msgsPerSec });
    }
    return figures;
  } finally {
    await browser.close();
    server.close();
  }
}
