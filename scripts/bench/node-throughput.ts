/**
 * Kernel throughput headless in Node: the echo load on the in-process host, each run sized by calibration
 * runs to last about `wallMs`. The run is timed in runScenario's three phases (load, run, hash)
 * so the report shows where the time goes; `msgsPerSec` is the run phase, `endToEndMsgsPerSec` is what
 * `runScenario` as a whole achieves. CPU time is reported too: on a shared machine wall time lies.
 */
import { InProcessHost } from '../../workers/host/in-process-host';
import type { NodeHost } from '../../workers/kernel/protocol';
import { Simulation } from '../../workers/kernel/simulation';
import { echoLoadRoles, echoLoadScenario, type EchoLoad, type Throughput } from './workload';

/** Virtual ms of the first calibration run. */
const CALIBRATION_MS = 20;

export interface NodeFigure extends Throughput {
  /** Delivered per second of load + run + trace hash (what `runScenario` does). */
  endToEndMsgsPerSec: number;
  /** Delivered per CPU second of this process during the run phase. */
  msgsPerCpuSec: number;
  phases: { loadMs: number; runMs: number; hashMs: number };
  virtualMs: number;
  traceEvents: number;
}

/** The host a run uses: in-process (uncontained) by default; the containment figure passes VmHost. */
export type MakeHost = () => NodeHost;
const inProcess: MakeHost = () => new InProcessHost();

async function timedRun(load: EchoLoad, until: number, makeHost: MakeHost): Promise<NodeFigure> {
  const host = makeHost();
  const t0 = performance.now();
  const made = await Simulation.create(
    { scenario: echoLoadScenario(load, until), seed: 1, host },
    echoLoadRoles(load),
  );
  if (!made.ok) throw new Error(made.errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('\n'));
  const { sim } = made;
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  await sim.runUntil(until);
  const cpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu));
  const t2 = performance.now();
  sim.trace.hash();
  const t3 = performance.now();
  await host.dispose();
  const delivered = sim.stats().messages.delivered;
  const runMs = t2 - t1;
  return {
    nodes: load.nodes,
    delivered,
    wallMs: runMs,
    msgsPerSec: (delivered / runMs) * 1000,
    endToEndMsgsPerSec: (delivered / (t3 - t0)) * 1000,
    msgsPerCpuSec: (delivered / cpuMs) * 1000,
    phases: { loadMs: t1 - t0, runMs, hashMs: t3 - t2 },
    virtualMs: until,
    traceEvents: sim.trace.length,
  };
}

/** The median run of several, with the spread of all of them (msgs/s of the run phase). */
export interface NodeMeasurement extends NodeFigure {
  runs: number;
  slowestMsgsPerSec: number;
  fastestMsgsPerSec: number;
}

/**
 * Grow the run until it lasts at least half of `wallMs` (short runs are all JIT warm-up), then measure `runs`
 * runs of that length and report the median one: on a shared machine one run can be off by 2x either way.
 */
export async function nodeThroughput(
  load: EchoLoad,
  wallMs: number,
  runs = 3,
  makeHost: MakeHost = inProcess,
): Promise<NodeMeasurement> {
  let until = CALIBRATION_MS;
  for (let tries = 0; tries < 4; tries++) {
    const probe = await timedRun(load, until, makeHost);
    if (probe.phases.runMs >= wallMs / 2) break;
    until = Math.max(until * 2, Math.round((until / probe.phases.runMs) * wallMs));
  }
  const figures: NodeFigure[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) figures.push(await timedRun(load, until, makeHost));
  figures.sort((a, b) => a.msgsPerSec - b.msgsPerSec);
  return {
    ...figures[figures.length >> 1]!,
    runs: figures.length,
    slowestMsgsPerSec: figures[0]!.msgsPerSec,
    fastestMsgsPerSec: figures[figures.length - 1]!.msgsPerSec,
  };
}
