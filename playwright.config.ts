/**
 * End-to-end tests run against the BUILT site (`dist/`, built with PLAYGROUND_TEST_API=1 so the test pages and
 * the typed test API are in), served under a sub-path by a plain static server: what a learner's host does.
 */
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './scripts/bench/chromium';

const port = Number(process.env.E2E_PORT ?? 4212);
/** The built site to serve (default dist/). */
const dist = process.env.E2E_DIST ?? 'dist';
const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  // Two, on CI's 2 cores too: a test mostly waits on one page's Workers, and the e2e run is most of CI's time.
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // CI also keeps every test's duration (playwright-report/e2e.json): where the e2e's minutes go.
  reporter: process.env.CI ? [['line'], ['json', { outputFile: 'playwright-report/e2e.json' }]] : 'list',
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}/playground/`,
    // Recording a trace costs every test, pass or fail (a quarter of the e2e run's CPU, most of it the
    // screencast): CI, whose traces nobody opens, records none; locally a failure keeps one, without screenshots
    // (its DOM snapshots show more). `--trace on` brings the full one back for a test under study.
    trace: process.env.CI ? 'off' : { mode: 'retain-on-failure', screenshots: false },
    // The service worker precaches the whole build (~15 MB): only the offline spec lets it run.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
      },
    },
  ],
  webServer: {
    command: `npx tsx scripts/serve-static.ts --root ${dist} --base /playground/ --port ${port}`,
    url: `http://127.0.0.1:${port}/playground/`,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
