/**
 * The benchmark page (test builds only): the Worker host's throughput under the echo load, and a raw batched
 * postMessage router doing the same traffic with no simulation, measured in the same page so their ratio
 * means something on any machine. Driven by scripts/bench.ts through `window.__bench`.
 */
import { createBrowserEngine } from '../../workers/host/browser-engine';
import {
  echoLoadRoles,
  echoLoadScenario,
  type EchoLoad,
  type Throughput,
} from '../../scripts/bench/workload';
import type { PortHandoff } from '../../workers/host/node-wire';

export interface BenchRun extends EchoLoad {
  /** Wall-clock ms to measure for (after a warm-up). */
  wallMs: number;
}

/** Virtual ms of warm-up (Worker start, JIT) before measuring. */
const WARMUP_MS = 30;
/** Virtual ms per kernel call while measuring: long enough that the Comlink call is noise. */
const SLICE_MS = 25;

async function workerHost(run: BenchRun): Promise<Throughput> {
  const engine = createBrowserEngine();
  try {
    const loaded = await engine.control.load({
      scenario: echoLoadScenario(run, 1e9),
      roles: echoLoadRoles(run),
      seed: 1,
    });
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
    let at = WARMUP_MS;
    const warm = await engine.control.runQuietly(at);
    const started = performance.now();
    let last = warm;
    while (performance.now() - started < run.wallMs) {
      at += SLICE_MS;
      last = await engine.control.runQuietly(at);
    }
    const wallMs = performance.now() - started;
    const delivered = last.stats.messages.delivered - warm.stats.messages.delivered;
    return { nodes: run.nodes, delivered, wallMs, msgsPerSec: (delivered / wallMs) * 1000 };
  } finally {
    await engine.dispose();
  }
}

async function baseline(run: BenchRun): Promise<Throughput> {
  const router = new Worker(new URL('./bench-router.worker.ts', import.meta.url), { type: 'module' });
  const echoes: Worker[] = [];
  const ports: MessagePort[] = [];
  for (let i = 0; i < run.nodes; i++) {
    const worker = new Worker(new URL('./bench-echo.worker.ts', import.meta.url), { type: 'module' });
    const channel = new MessageChannel();
    worker.postMessage({ kind: 'port', port: channel.port1 } satisfies PortHandoff, [channel.port1]);
    echoes.push(worker);
    ports.push(channel.port2);
  }
  try {
    const result = await new Promise<{ delivered: number; wallMs: number }>((resolve, reject) => {
      router.onmessage = (event: MessageEvent<{ delivered: number; wallMs: number }>) => resolve(event.data);
      router.onerror = (event) => reject(new Error(event.message));
      router.postMessage(
        { ports, inFlight: run.inFlight, wallMs: run.wallMs, warmupTicks: WARMUP_MS },
        ports,
      );
    });
    return { nodes: run.nodes, ...result, msgsPerSec: (result.delivered / result.wallMs) * 1000 };
  } finally {
    router.terminate();
    for (const worker of echoes) worker.terminate();
  }
}

export interface BenchApi {
  workerHost(run: BenchRun): Promise<Throughput>;
  baseline(run: BenchRun): Promise<Throughput>;
}

declare global {
  interface Window {
    __bench: BenchApi;
  }
}

window.__bench = { workerHost, baseline };
