/**
 * What a learner feels on the built site (issue 11): frame times while 50 nodes exchange ~1,000 messages per
 * virtual second at 1x, scrub latency across a ~100k-event trace, and the JS a page loads before it is
 * usable (gzip). The runs are sandboxes opened from a share link (app/sandbox), so no lesson is needed for
 * the load: three roles of 20 + 20 + 10 nodes, each node keeping one echo request in flight to a random peer
 * over 50 ms links, so each node sends 20 messages per virtual second.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import type * as LzString from 'lz-string';
import type { SharedSandbox } from '../../app/sandbox/sandboxLink';
import type { SandboxScenario } from '../../app/sandbox/sandboxSchema';
import { serveStatic } from '../serve-static';
import { launchChromium } from './chromium';

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

export interface ViewsFigure {
  /** Intervals between animation frames (ms) while the 50-node load plays at 1x. */
  frame: Percentiles & { messagesPerVirtualSecond: number };
  /** From a pointer move on the timeline to the animation frame that shows the new cursor (ms). */
  scrub: Percentiles & { traceEvents: number };
  /** Gzipped bytes of the JS each page fetched before it was usable; Monaco's chunks are counted apart. */
  initialJs: { courseMapGz: number; lessonGz: number; lessonMonacoGz: number };
}

const ROLES = [
  { name: 'alpha', count: 20 },
  { name: 'beta', count: 20 },
  { name: 'gamma', count: 10 },
];
const LATENCY_MS = 50;

const peerCode = (inFlight: number) => `import type { Node } from '@playground/node';

export default function peer(node: Node) {
  const peers = node.peers();
  const pick = () => peers[Math.floor(node.random() * peers.length)];
  node.on('echo', (msg) => void node.reply(msg, {}));
  node.on('echo_ok', () => void node.send(pick(), 'echo', {}));
  for (let i = 0; i < ${inFlight}; i++) node.send(pick(), 'echo', {});
}
`;

function loadLink(untilMs: number, inFlight: number): string {
  const scenario: SandboxScenario = {
    roles: ROLES,
    links: [],
    network: { latencyMs: LATENCY_MS, lossPct: 0 },
    untilMs,
    faults: [],
  };
  const code = Object.fromEntries(ROLES.map((r) => [r.name, peerCode(inFlight)]));
  const shared: SharedSandbox = { name: 'Bench load', scenario, seed: 1, code, faults: [] };
  // encodeSandboxShare's payload (app/sandbox/sandboxLink.ts, version 1). lz-string is CommonJS, which
  // Node's ESM loader cannot import by name, so it is required here; a wrong link fails openLoad loudly.
  const lz = createRequire(import.meta.url)('lz-string') as typeof LzString;
  const { name, seed, faults } = shared;
  return lz.compressToEncodedURIComponent(
    JSON.stringify({ v: 1, sandbox: { name, scenario }, seed, code: shared.code, faults }),
  );
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? NaN, samples: sorted.length };
}

export async function openLoad(page: Page, url: string, untilMs: number, inFlight = 1): Promise<void> {
  await page.goto(`${url}#/sandbox?share=${loadLink(untilMs, inFlight)}`);
  // A share link's code is held until Run: the nodes start when the bench presses it.
  await page.getByTestId('run-button').waitFor({ timeout: 120_000 });
}

/** The opened load (openLoad) played at 1x, once its 50 Workers run and the first messages fly. */
export async function runLoadAt1x(page: Page): Promise<void> {
  await page.getByTestId('speed').selectOption('1');
  await page.getByTestId('run-button').click();
  await page.waitForFunction(
    () => (window.__playground?.nodes().length ?? 0) >= 50 && (window.__playground?.cursor() ?? 0) > 1000,
    null,
    { timeout: 120_000 },
  );
}

/** The time between consecutive animation frames, in ms, for `wallMs` of the page's own clock. */
export function frameIntervals(page: Page, wallMs: number): Promise<number[]> {
  return page.evaluate(
    (ms) =>
      new Promise<number[]>((done) => {
        const out: number[] = [];
        let last = 0;
        const start = performance.now();
        const tick = (now: number) => {
          if (last) out.push(now - last);
          last = now;
          if (now - start < ms) requestAnimationFrame(tick);
          else done(out);
        };
        requestAnimationFrame(tick);
      }),
    wallMs,
  );
}

async function frameTimes(page: Page, url: string, wallMs: number): Promise<ViewsFigure['frame']> {
  await openLoad(page, url, 600_000);
  await runLoadAt1x(page);
  const t0 = await page.evaluate(() => window.__playground!.cursor());
  const intervals = await frameIntervals(page, wallMs);
  const events = await page.evaluate((from) => {
    const api = window.__playground!;
    const to = api.cursor();
    const sends = api.trace().filter((e) => e.kind === 'send' && e.t >= from && e.t < to).length;
    return { sends, virtualMs: to - from };
  }, t0);
  await page.getByTestId('run-button').click();
  return {
    ...percentiles(intervals),
    messagesPerVirtualSecond: (events.sends / Math.max(1, events.virtualMs)) * 1000,
  };
}

async function scrubLatency(
  page: Page,
  url: string,
  moves: number,
  log: (line: string) => void,
): Promise<ViewsFigure['scrub']> {
  // ~2 trace events per message (send, deliver); 10 requests in flight per node make ~10,000 messages per
  // virtual second, so 5 s is ~100k events in ~100 windows (at 1 in flight, 1,000 windows of 50 Workers took
  // over 10 minutes on a loaded machine).
  await openLoad(page, url, 5_000, 10);
  await page.getByTestId('speed').selectOption({ label: 'Max' });
  await page.getByTestId('run-button').click();
  // Polled from here, saying how far the run got: on a loaded machine this is the long part.
  const started = Date.now();
  for (;;) {
    const { status, reached, events } = await page.evaluate(() => ({
      status: window.__playground?.status(),
      reached: window.__playground?.reachedMs() ?? 0,
      events: window.__playground?.trace().length ?? 0,
    }));
    if (status === 'finished') break;
    // At Max on a loaded machine the cursor can lag the kernel's end for minutes (the views fold ~100k
    // events as it goes): once the whole run is computed, pause and scrub what is there.
    if (reached >= 5_000) {
      await page.getByTestId('run-button').click();
      await page.waitForFunction(() => window.__playground?.status() !== 'running');
      break;
    }
    if (status === 'failed' || Date.now() - started > 600_000)
      throw new Error(`the scrub run stopped: ${status} at ${reached} ms, ${events} events`);
    log(`  scrub run: ${status}, kernel at ${reached} ms, ${events} events`);
    await new Promise((wake) => setTimeout(wake, 10_000));
  }
  const traceEvents = await page.evaluate(() => window.__playground!.trace().length);
  const track = page.locator('.tl');
  const box = (await track.boundingBox())!;
  await page.evaluate(() => {
    const tl = document.querySelector('.tl')!;
    const probe = { samples: [] as number[] };
    (window as unknown as { __scrub: typeof probe }).__scrub = probe;
    tl.addEventListener(
      'pointermove',
      (event) => {
        const before = tl.getAttribute('aria-valuenow');
        const started = event.timeStamp;
        // The callback's own argument is the frame's start, which may come before an input event that
        // frame dispatches (the sample was then below 0): read the clock when the new value is seen.
        const wait = () =>
          requestAnimationFrame(() => {
            if (tl.getAttribute('aria-valuenow') === before) wait();
            else probe.samples.push(performance.now() - started);
          });
        wait();
      },
      { capture: true },
    );
  });
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 12, y);
  await page.mouse.down();
  for (let i = 1; i <= moves; i++) {
    // Back and forth over the whole track: each move lands far from the last (no forward continuation).
    const fraction = i % 2 === 0 ? i / moves / 2 : 1 - i / moves / 2;
    await page.mouse.move(box.x + 12 + fraction * (box.width - 24), y);
    await page.waitForFunction(
      (n) => (window as unknown as { __scrub: { samples: number[] } }).__scrub.samples.length >= n,
      i,
    );
  }
  await page.mouse.up();
  const samples = await page.evaluate(
    () => (window as unknown as { __scrub: { samples: number[] } }).__scrub.samples,
  );
  return { ...percentiles(samples), traceEvents };
}

const isMonaco = (file: string) => /monaco|editor\.(api|main)|\.worker-|ts\.worker|editor\.worker/.test(file);

/** Gzipped size of every JS file a page fetches from `dist` until `ready` resolves. */
async function initialJs(page: Page, url: string, dist: string, hash: string, ready: () => Promise<unknown>) {
  const files = new Set<string>();
  const listener = (response: { url(): string }) => {
    const path = new URL(response.url()).pathname;
    if (path.endsWith('.js') || path.endsWith('.mjs')) files.add(path.replace(/^\/playground\//, ''));
  };
  page.on('response', listener);
  await page.goto(`${url}${hash}`);
  await ready();
  page.off('response', listener);
  let gz = 0;
  let monacoGz = 0;
  for (const file of files) {
    const size = gzipSync(readFileSync(`${dist}/${file}`), { level: 9 }).length;
    if (isMonaco(file)) monacoGz += size;
    else gz += size;
  }
  return { gz, monacoGz };
}

export type ViewsPart = 'js' | 'frames' | 'scrub';

export async function browserViews(
  dist: string,
  wallMs: number,
  log: (line: string) => void,
  parts: readonly ViewsPart[] = ['js', 'frames', 'scrub'],
): Promise<Partial<ViewsFigure>> {
  const { server, url } = await serveStatic({ root: dist, base: '/playground/' });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      serviceWorkers: 'block',
    });
    // tsx (esbuild, keepNames) wraps named functions in `__name(...)`, also inside page.evaluate callbacks.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const fresh = async () => {
      const page = await context.newPage();
      page.on('pageerror', (error) => log(`page error: ${error.message}`));
      return page;
    };
    const figure: Partial<ViewsFigure> = {};
    if (parts.includes('js')) {
      let page = await fresh();
      const course = await initialJs(page, url, dist, '#/', () =>
        page.locator('a[href^="#/lesson/"]').first().waitFor(),
      );
      await page.close();
      page = await fresh();
      const lesson = await initialJs(page, url, dist, '#/lesson/request-reply/1', () =>
        page.getByTestId('run-button').waitFor(),
      );
      await page.close();
      figure.initialJs = { courseMapGz: course.gz, lessonGz: lesson.gz, lessonMonacoGz: lesson.monacoGz };
    }
    if (parts.includes('frames')) {
      const page = await fresh();
      figure.frame = await frameTimes(page, url, wallMs);
      await page.close();
    }
    if (parts.includes('scrub')) {
      const page = await fresh();
      figure.scrub = await scrubLatency(page, url, 40, log);
      await page.close();
    }
    return figure;
  } finally {
    await browser.close();
    server.close();
  }
}
