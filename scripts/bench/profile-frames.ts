/**
 * Where the page's main thread spends the frames of the views bench (browser-views.ts, the 50-node load at
 * 1x): a Chromium trace of the page's renderer main thread (self time by trace event: script, style, layout,
 * paint, GC) and a V8 CPU profile of the same seconds (self time by function: `profile-summary.ts`).
 *
 *   npx tsx scripts/bench/profile-frames.ts [--dist dist] [--wall 5000] [--out /tmp/frames-profile] [--no-cpu]
 *     [--hide '.ng-links,.tl'] [--init 'CanvasRenderingContext2D.prototype.stroke = () => {}']
 *
 * Profile an unminified build for real function names:
 *   PLAYGROUND_TEST_API=1 npx vite build --minify false --outDir /tmp/dist-prof --emptyOutDir
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { CDPSession } from '@playwright/test';
import { serveStatic } from '../serve-static';
import { frameIntervals, openLoad, percentiles, runLoadAt1x } from './browser-views';
import { launchChromium } from './chromium';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const dist = flag('--dist') ?? 'dist';
const wallMs = Number(flag('--wall') ?? 5000);
const out = flag('--out') ?? '/tmp/frames-profile';
/** Without the V8 profiler: its start costs the main thread ~1 s, inside the window traced. */
const cpu = !args.includes('--no-cpu');
/** Selectors hidden (`display: none`) before measuring: what a view costs is what its absence saves. */
const hide = flag('--hide')?.split(',') ?? [];
/** A script run in the page before its own (an experiment: e.g. stub a canvas call to see what it costs). */
const init = flag('--init');
mkdirSync(out, { recursive: true });

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: what the thread itself spent, without the time it waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

const CATEGORIES = [
  '__metadata',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'disabled-by-default-v8.gc',
  'blink',
  'cc',
];

async function readStream(cdp: CDPSession, handle: string): Promise<string> {
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return text;
}

/** Self CPU time (inclusive minus nested, thread time) by event name on one thread's complete ('X') events. */
function selfTimes(events: TraceEvent[]): Map<string, number> {
  const xs = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<TraceEvent, number>();
  const stack: TraceEvent[] = [];
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent, self.get(parent)! - (e.tdur ?? e.dur!));
    self.set(e, e.tdur ?? e.dur!);
    stack.push(e);
  }
  const byName = new Map<string, number>();
  for (const [e, us] of self) byName.set(e.name, (byName.get(e.name) ?? 0) + us);
  return byName;
}

const { server, url } = await serveStatic({ root: dist, base: '/playground/' });
const browser = await launchChromium();
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
  });
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  if (init) await context.addInitScript({ content: init });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
  await openLoad(page, url, 600_000);
  await runLoadAt1x(page);
  if (hide.length) await page.addStyleTag({ content: `${hide.join(',')} { display: none !important; }` });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const done = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)),
  );
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: CATEGORIES },
  });
  if (cpu) await cdp.send('Profiler.start');
  const load = loadavg()[0]!;
  const intervals = await frameIntervals(page, wallMs);
  if (cpu)
    writeFileSync(`${out}/frames.cpuprofile`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  await cdp.send('Tracing.end');
  const trace = JSON.parse(await readStream(cdp, await done)) as { traceEvents: TraceEvent[] };
  writeFileSync(`${out}/frames.trace.json`, JSON.stringify(trace));

  const f = percentiles(intervals);
  console.log(
    `frames (load ${load.toFixed(1)} at the start): p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, ` +
      `max ${f.max.toFixed(1)} ms, ${f.samples} frames in ${wallMs} ms`,
  );
  const events = trace.traceEvents;
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  for (const main of mains) {
    const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
    const tasks = mine.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
    if (tasks.length === 0) continue;
    const busyMs = tasks.reduce((a, e) => a + e.dur!, 0) / 1000;
    const cpuMs = tasks.reduce((a, e) => a + (e.tdur ?? e.dur!), 0) / 1000;
    const long = tasks.filter((e) => e.dur! > 16_700);
    console.log(
      `\nrenderer main ${main.pid}/${main.tid}: ${tasks.length} tasks, busy ${busyMs.toFixed(0)} ms of ` +
        `${wallMs} (${((busyMs / wallMs) * 100).toFixed(0)}%), ${(busyMs / Math.max(1, f.samples)).toFixed(1)} ms ` +
        `per frame (CPU ${cpuMs.toFixed(0)} ms, ${(cpuMs / Math.max(1, f.samples)).toFixed(1)} ms per frame); ${long.length} tasks over 16.7 ms (longest ${(Math.max(0, ...tasks.map((e) => e.dur!)) / 1000).toFixed(1)} ms)`,
    );
    const self = [...selfTimes(mine)].sort((a, b) => b[1] - a[1]).slice(0, 25);
    for (const [name, us] of self)
      console.log(
        `  ${(us / 1000).toFixed(1).padStart(8)} ms  ${(us / 1000 / f.samples).toFixed(2).padStart(6)} /frame  ${name}`,
      );
  }
  console.log(`\nwrote ${out}/frames.cpuprofile and ${out}/frames.trace.json`);
} finally {
  await browser.close();
  server.close();
}
