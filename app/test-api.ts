/**
 * A typed window API for the e2e tests (`window.__playground`): read the run's trace, node states, status
 * and trace hash instead of scraping the screen. Compiled in only when `__PLAYGROUND_TEST_API__` is true;
 * otherwise every function here is an empty shell the bundler drops.
 */
import type { NodeView } from '../workers/host/control-api';
import type { Json, NodeId, TraceEvent } from '../workers/kernel/protocol';
import type { RunStatus } from './machines/runMachine';
import { frameBuildsForTests, stopFramesAnsweringForTests } from '../workers/host/node-frame';

export interface EditorMarker {
  /** Model path, e.g. `/lessons/07-messaging/03-request-reply/roles/server.ts`. */
  file: string;
  line: number;
  message: string;
  severity: 'error' | 'other';
}

/** What the lesson page exposes of its run. */
export interface RunProbe {
  lessonId: string;
  status(): RunStatus;
  /** Virtual ms at the playback cursor. */
  cursor(): number;
  /** Virtual ms the kernel has reached. */
  reachedMs(): number;
  seed(): number;
  trace(): readonly TraceEvent[];
  nodes(): NodeView[];
  traceHash(): Promise<string>;
  /** Role -> source of the run loaded now. */
  code(): Record<string, string>;
}

export interface PlaygroundTestApi {
  /** The open lesson's id, or null on the course map. */
  lessonId(): string | null;
  status(): RunStatus | null;
  cursor(): number;
  reachedMs(): number;
  seed(): number | null;
  /** The whole trace the kernel has produced so far (ahead of the cursor too). */
  trace(): TraceEvent[];
  nodes(): NodeView[];
  /** Each node's latest `state` in the trace produced so far. */
  nodeStates(): Record<NodeId, Json>;
  /** The kernel's hash of the trace so far (equal to `npm run sim -- <lesson> --seed <n> --json` at the end). */
  traceHash(): Promise<string | null>;
  /** Role -> source of the run loaded now (what the kernel compiled, not the editor's unsaved text). */
  code(): Record<string, string>;
  /** Problems the editor shows (compile errors and TypeScript diagnostics). */
  markers(): EditorMarker[];
  /** Role -> the text in the editor now (typed, not yet run). */
  editorCode(): Record<string, string>;
  /**
   * Every live sandboxed node frame ends its Workers and stops answering pings, as one whose process died
   * would (the page then rebuilds it). Returns how many frames. Test builds only: the product cannot do it.
   */
  stopNodeFramesAnswering(): number;
  /** How many times each live node frame was built (1 + rebuilds). */
  nodeFrameBuilds(): number[];
}

declare global {
  interface Window {
    __playground?: PlaygroundTestApi;
  }
}

let probe: RunProbe | undefined;
let editorMarkers: (() => EditorMarker[]) | undefined;
let editorText: (() => Record<string, string>) | undefined;

function install(): void {
  if (window.__playground) return;
  window.__playground = {
    lessonId: () => probe?.lessonId ?? null,
    status: () => probe?.status() ?? null,
    cursor: () => probe?.cursor() ?? 0,
    reachedMs: () => probe?.reachedMs() ?? 0,
    seed: () => probe?.seed() ?? null,
    trace: () => [...(probe?.trace() ?? [])],
    nodes: () => probe?.nodes() ?? [],
    nodeStates: () => {
      const states: Record<NodeId, Json> = {};
      for (const e of probe?.trace() ?? []) if (e.kind === 'state') states[e.node] = e.state;
      return states;
    },
    traceHash: async () => (probe ? probe.traceHash() : null),
    code: () => probe?.code() ?? {},
    markers: () => editorMarkers?.() ?? [],
    editorCode: () => editorText?.() ?? {},
    stopNodeFramesAnswering: () => stopFramesAnsweringForTests(),
    nodeFrameBuilds: () => frameBuildsForTests(),
  };
}

/** Called by the lesson page; returns the unregister function. */
export function registerRunForTests(next: RunProbe): () => void {
  if (!__PLAYGROUND_TEST_API__) return () => undefined;
  install();
  probe = next;
  return () => {
    if (probe === next) probe = undefined;
  };
}

export function registerEditorForTests(
  read: () => EditorMarker[],
  text: () => Record<string, string>,
): () => void {
  if (!__PLAYGROUND_TEST_API__) return () => undefined;
  install();
  editorMarkers = read;
  editorText = text;
  return () => {
    if (editorMarkers === read) editorMarkers = undefined;
    if (editorText === text) editorText = undefined;
  };
}

/**
 * How many seeds Check runs, when an e2e spec asked for fewer than the exercise's (`window.__playgroundCheckSeeds`,
 * set before the page loads). Only in test builds: specs that prove the browser's Check path on every chapter
 * need not repeat on 50 seeds what `lessons:verify` proves headless on the same kernel; the default is the
 * product's everywhere else.
 */
/**
 * Test builds only: true when the page was told (`window.__playgroundCheckUnsealed = true`, set before it
 * loads) to check on node Workers alone, never sealed: the benchmark's baseline, and tests of that path.
 */
export function checkUnsealedForTests(): boolean {
  if (!__PLAYGROUND_TEST_API__) return false;
  return (window as { __playgroundCheckUnsealed?: unknown }).__playgroundCheckUnsealed === true;
}

export function checkSeedCountForTests(): number | undefined {
  if (!__PLAYGROUND_TEST_API__) return undefined;
  const n = (window as { __playgroundCheckSeeds?: unknown }).__playgroundCheckSeeds;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}
