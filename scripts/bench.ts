/**
 * `npm run -s bench [-- --json] [--build] [--dist dir] [--only node|browser|check|views] [--wall ms] [--in-flight k]
 *   [--runs n]`
 *
 * (a) Kernel throughput headless in Node (runScenario + the in-process host) at 2, 8, 32 and 100 nodes.
 * (c) Headless containment: the same load with a vm realm per node (VmHost, what the CLI runs) beside the
 *     in-process host, as a ratio measured in the same run at 8 and 32 nodes.
 * (b) In headless Chromium: the Worker host beside a raw batched postMessage router at 8 and 32 nodes, as a
 *     ratio measured in the same run. Needs the test build (built first when missing, or with --build).
 * The load: every node keeps k echo requests in flight to random peers and answers each (scripts/bench/workload.ts).
 * (d) The browser's Check in Chromium (the built lesson page, 50 seeds), pressed as soon as it shows and
 *     again once the page has settled, beside the same lesson's checkers over the same seeds headless in Node
 *     (in-process host) in the same run: what a learner waits for.
 * (e) The built site's views in Chromium (`--views js,frames,scrub` picks parts): frame times while 50 nodes exchange ~1,000 msgs per virtual s at
 *     1x, scrub latency across a ~100k-event trace, initial JS (gzip) of the course map and of a lesson.
 * Goals (docs/benchmarks.md): >= 1M delivered msgs/s in Node; Worker host >= 50% of the raw baseline;
 * a 50-seed Check <= 2 s; p95 frame <= 16.7 ms, scrub <= 50 ms, course map <= 100 KB gz.
 */
import { availableParallelism, loadavg } from 'node:os';
import { browserCheckTimes, type CheckFigure } from './bench/browser-check';
import { browserThroughput, ensureBuilt, type BrowserFigure } from './bench/browser-throughput';
import { browserViews, type ViewsFigure, type ViewsPart } from './bench/browser-views';
import { checkScenario } from '../workers/host/headless';
import { checkSeedsOf } from '../workers/kernel/scenario';
import { findLesson } from './lib/lesson-loader';
import { nodeThroughput, type NodeMeasurement } from './bench/node-throughput';
import { IN_FLIGHT } from './bench/workload';
import { VmHost } from './lib/realm/vm-host';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const json = args.includes('--json');
const only = flag('--only');
const wallMs = Number(flag('--wall') ?? 1500);
const dist = flag('--dist') ?? 'dist';
const inFlight = Number(flag('--in-flight') ?? IN_FLIGHT);
/** Measured runs per size in Node after calibration; the median is reported. */
const runs = Number(flag('--runs') ?? 3);
/** (d)'s second figure: Check pressed after the lesson page has been open this long (a learner reads first). */
const SETTLE_MS = 3000;
const log = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n');

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const report: {
  machine: { cores: number; node: string; loadAverage: number };
  load: { inFlight: number; wallMs: number };
  node?: NodeMeasurement[];
  containment?: {
    nodes: number;
    contained: NodeMeasurement;
    inProcess: NodeMeasurement;
    ratio: number;
    cpuRatio: number;
  }[];
  browser?: BrowserFigure[];
  views?: Partial<ViewsFigure>;
  check?: (CheckFigure & {
    seeds: number;
    /** Sealed, Check pressed once the page had been open SETTLE_MS (what Check itself costs). */
    settledMs: number;
    headlessMs: number;
    nodeWorkersMs: number;
    ratio: number;
  })[];
  goals: Record<string, boolean>;
} = {
  machine: { cores: availableParallelism(), node: process.version, loadAverage: loadavg()[0]! },
  load: { inFlight, wallMs },
  goals: {},
};

const skip = (part: 'node' | 'browser' | 'check' | 'views') => only !== undefined && only !== part;

if (!skip('node')) {
  log(
    `(a) kernel throughput in Node, in-process host, ${inFlight} requests in flight per node ` +
      `(median of ${runs} runs, slowest-fastest in brackets)`,
  );
  report.node = [];
  for (const nodes of [2, 8, 32, 100]) {
    const figure = await nodeThroughput({ nodes, inFlight }, wallMs, runs);
    report.node.push(figure);
    const { loadMs, runMs, hashMs } = figure.phases;
    log(
      `  ${String(nodes).padStart(3)} nodes: ${fmt(figure.msgsPerSec).padStart(9)} msgs/s ` +
        `[${fmt(figure.slowestMsgsPerSec)}-${fmt(figure.fastestMsgsPerSec)}] ` +
        `(${fmt(figure.msgsPerCpuSec)}/CPU-s; ${fmt(figure.delivered)} in ${fmt(runMs)} ms); ` +
        `runScenario end to end ${fmt(figure.endToEndMsgsPerSec)} msgs/s ` +
        `(load ${fmt(loadMs)} ms, hash of ${fmt(figure.traceEvents)} events ${fmt(hashMs)} ms)`,
    );
  }
  report.goals['node >= 1M msgs/s (all sizes)'] = report.node.every((f) => f.msgsPerSec >= 1e6);
}

if (!skip('node')) {
  // Learner code run by the CLI and lessons:verify: one node:vm realm per node (scripts/lib/realm) against the
  // in-process host above, same load, measured here one after the other so the machine's load hits both alike.
  log(`(c) headless containment: a vm realm per node (VmHost) vs in-process, ${inFlight} in flight per node`);
  report.containment = [];
  for (const nodes of [8, 32]) {
    // Longer runs than (a): each realm warms its own copy of the runtime up (JIT code is per context).
    const plain = await nodeThroughput({ nodes, inFlight }, wallMs * 2, runs);
    const contained = await nodeThroughput({ nodes, inFlight }, wallMs * 2, runs, () => new VmHost());
    const ratio = contained.msgsPerSec / plain.msgsPerSec;
    const cpuRatio = contained.msgsPerCpuSec / plain.msgsPerCpuSec;
    report.containment.push({ nodes, contained, inProcess: plain, ratio, cpuRatio });
    log(
      `  ${String(nodes).padStart(3)} nodes: contained ${fmt(contained.msgsPerSec)} msgs/s ` +
        `(${fmt(contained.msgsPerCpuSec)}/CPU-s), in-process ${fmt(plain.msgsPerSec)} msgs/s ` +
        `(${fmt(plain.msgsPerCpuSec)}/CPU-s), ratio ${(ratio * 100).toFixed(0)}% (per CPU-s ${(cpuRatio * 100).toFixed(0)}%)`,
    );
  }
}

if (!skip('browser')) {
  ensureBuilt(dist, args.includes('--build'), log);
  log(`(b) headless Chromium: Worker host vs raw batched postMessage router`);
  report.browser = await browserThroughput(dist, [8, 32], inFlight, wallMs, log);
  for (const f of report.browser) {
    log(
      `  ${String(f.nodes).padStart(3)} nodes: worker host ${fmt(f.workerHost.msgsPerSec)} msgs/s, ` +
        `baseline ${fmt(f.baseline.msgsPerSec)} msgs/s, ratio ${(f.ratio * 100).toFixed(0)}%`,
    );
  }
  report.goals['worker host >= 50% of baseline (8 and 32 nodes)'] = report.browser.every(
    (f) => f.ratio >= 0.5,
  );
}

if (!skip('check')) {
  ensureBuilt(dist, args.includes('--build'), log);
  /** Lessons of different weight: 2 nodes and few messages, 6 nodes pinging every 100 ms, 8 nodes. */
  const lessons = (flag('--check-lessons') ?? 'request-reply,pub-sub,health-checks').split(',');
  log(
    `(d) the browser's Check (lesson page, starter), sealed and on node Workers alone, vs the same checks ` +
      `headless in Node, in-process`,
  );
  const browser = await browserCheckTimes(dist, lessons, 1, () => undefined);
  const settled = await browserCheckTimes(dist, lessons, 1, () => undefined, false, SETTLE_MS);
  const unsealed = await browserCheckTimes(dist, lessons, 1, () => undefined, true);
  report.check = [];
  for (const [i, figure] of browser.entries()) {
    const lesson = (await findLesson(figure.lesson))!;
    const seeds = checkSeedsOf(lesson.scenario);
    const started = performance.now();
    await checkScenario(lesson.scenario, lesson.starter, seeds);
    const headlessMs = performance.now() - started;
    const nodeWorkersMs = unsealed[i]!.ms;
    report.check.push({
      ...figure,
      seeds: seeds.length,
      settledMs: settled[i]!.ms,
      headlessMs,
      nodeWorkersMs,
      ratio: figure.ms / headlessMs,
    });
    log(
      `  ${figure.lesson.padEnd(16)} browser ${fmt(figure.ms).padStart(7)} ms for ${seeds.length} seeds ` +
        `(${figure.sealedSeeds} sealed; ${fmt(settled[i]!.ms)} ms once the page settled), node Workers alone ${fmt(nodeWorkersMs).padStart(7)} ms ` +
        `(${(nodeWorkersMs / figure.ms).toFixed(1)}x slower), headless ${fmt(headlessMs).padStart(6)} ms: ` +
        `${(figure.ms / headlessMs).toFixed(1)}x`,
    );
  }
  report.goals['a 50-seed Check <= 2 s in the browser (every lesson measured)'] = report.check.every(
    (f) => f.ms <= 2000,
  );
}

if (!skip('views')) {
  ensureBuilt(dist, args.includes('--build'), log);
  log(`(e) the built site's views in headless Chromium (1280x800)`);
  const parts = (flag('--views') ?? 'js,frames,scrub').split(',') as ViewsPart[];
  const views = await browserViews(dist, Math.max(wallMs, 5000), log, parts);
  report.views = views;
  const ms = (n: number) => n.toFixed(1);
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const { frame, scrub, initialJs } = views;
  if (initialJs) {
    log(
      `  initial JS gzip: course map ${kb(initialJs.courseMapGz)} KB, lesson before Monaco ` +
        `${kb(initialJs.lessonGz)} KB (Monaco's chunks fetched by then ${kb(initialJs.lessonMonacoGz)} KB)`,
    );
    report.goals['course map <= 100 KB gz'] = initialJs.courseMapGz <= 100 * 1024;
  }
  if (frame) {
    log(
      `  frames at 1x, 50 nodes, ${fmt(frame.messagesPerVirtualSecond)} msgs per virtual s: ` +
        `p50 ${ms(frame.p50)} ms, p95 ${ms(frame.p95)} ms, max ${ms(frame.max)} ms (${frame.samples} frames)`,
    );
    report.goals['p95 frame <= 16.7 ms (50 nodes, 1x)'] = frame.p95 <= 16.7;
  }
  if (scrub) {
    log(
      `  scrub across ${fmt(scrub.traceEvents)} events: p50 ${ms(scrub.p50)} ms, ` +
        `p95 ${ms(scrub.p95)} ms, max ${ms(scrub.max)} ms (${scrub.samples} moves)`,
    );
    report.goals['p95 scrub <= 50 ms (~100k events)'] = scrub.p95 <= 50;
  }
}

for (const [goal, met] of Object.entries(report.goals)) log(`${met ? 'met    ' : 'MISSED '} ${goal}`);
if (json) process.stdout.write(JSON.stringify(report) + '\n');
