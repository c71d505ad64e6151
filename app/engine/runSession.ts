/**
 * One lesson's link to the engine: loads runs, pulls trace chunks from the kernel Worker ahead of the
 * playback cursor, and keeps the trace the views fold. Kernel calls are chained one after another, so a
 * chunk never lands in the middle of a reload.
 */
import type {
  KernelControl,
  LoadResult,
  NodeView,
  RunConfig,
  TraceChunk,
} from '../../workers/host/control-api';
import type { FaultSpec, TraceEvent } from '../../workers/kernel/protocol';
import { createBrowserEngine, type BrowserEngine } from '../../workers/host/browser-engine';
import { RunViewIndex } from '../trace';
import { DivergenceFinder, type Divergence, type RunReach } from '../trace/divergence';
import { countBefore, countUpTo } from '../trace/search';

/** How far (virtual ms) the kernel should run ahead of the cursor, at a given speed. */
function lookaheadMs(speed: number, until: number): number {
  if (!Number.isFinite(speed)) return until;
  return Math.max(250, speed * 1500);
}

/** A run this one forked from (or forked into): same code and seed, other faults. Kept to compare and return. */
export interface RunBranch {
  /** Its faults (the scenario's and the learner's), which tell it apart from the run on screen. */
  faults: FaultSpec[];
  trace: readonly TraceEvent[];
}

const faultsKey = (config: RunConfig) => JSON.stringify(config.scenario.faults ?? []);

/** What a kernel call answers once the run it was asked for is no longer the one on screen. */
const STALE = Symbol('stale');

export class RunSession {
  private engine: BrowserEngine | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private listeners = new Set<() => void>();
  private advancing = false;
  /** Bumped by every load: chunks of an older run are ignored. */
  private generation = 0;

  /** The trace so far, folded for the views. Replaced (never mutated back) on every load. */
  index = new RunViewIndex();
  nodes: NodeView[] = [];
  reachedMs = 0;
  finished = false;
  until = 0;
  config: RunConfig | undefined;
  /** Bumped whenever the trace or the node list changes (React's snapshot). */
  version = 0;
  /** Set when a kernel call failed: the run cannot go on. */
  failure: string | undefined;
  /**
   * Compare: the trace of the last run of other code with the same seed and faults (the run before an
   * edit), and where this run first differs from it. Undefined when there is nothing to compare with.
   */
  private baseline: { trace: readonly TraceEvent[]; reached: RunReach } | undefined;
  private finder: DivergenceFinder | undefined;
  divergence: Divergence | undefined;
  /** What `divergence` compares with: the run before an edit, or the branch this run forked from. */
  comparedWith: 'edit' | 'branch' | undefined;
  /**
   * Runs of this code and seed with other faults: a fault injected in the past forks the run, and the run
   * it forked from is kept here. Cleared when the code or the seed changes.
   */
  branches: RunBranch[] = [];

  /** `control` stands in for the browser's engine (the kernel Worker and its node Workers) in unit tests. */
  constructor(private readonly given?: KernelControl) {}

  private get control(): KernelControl {
    if (this.given) return this.given;
    this.engine ??= createBrowserEngine();
    return this.engine.control as unknown as KernelControl;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Compile and reset to virtual time 0. Compile errors come back; nothing ran. */
  load(config: RunConfig): Promise<LoadResult> {
    return this.serial(async () => {
      const result = await this.control.load(config);
      this.generation++;
      this.failure = undefined;
      // A run that does not compile leaves the last good one on screen (at time 0), so the graph stays.
      if (result.ok) {
        this.rebase(config);
        this.config = config;
        this.until = config.scenario.until;
        this.index = new RunViewIndex(result.nodes);
        this.reachedMs = 0;
        this.finished = false;
        this.nodes = result.nodes;
      }
      this.changed();
      return result;
    });
  }

  get events(): readonly TraceEvent[] {
    return this.index.trace;
  }

  /** Choose what the new run is compared with (called before `config` and `index` are replaced). */
  private rebase(next: RunConfig): void {
    const previous = this.config;
    const sameCode = (a: RunConfig, b: RunConfig) => JSON.stringify(a.roles) === JSON.stringify(b.roles);
    const sameSeedAndCode = previous && previous.seed === next.seed && sameCode(previous, next);
    if (!sameSeedAndCode) this.branches = [];
    if (!previous || previous.seed !== next.seed) this.baseline = undefined;
    else if (!sameCode(previous, next)) {
      // A run that never left 0 ms (loaded, not run) has nothing to compare with.
      if (faultsKey(previous) === faultsKey(next) && this.reachedMs > 0)
        this.compareWith(this.index.trace, 'edit');
      else this.baseline = undefined;
    } else if (faultsKey(previous) !== faultsKey(next)) {
      // Same code and seed, other faults: going to another branch (or clearing the faults) keeps the run
      // left as a branch, and compares with it. A run that never left time 0 is neither: the comparison
      // stays with the branch the run before it was compared with, if any.
      if (this.reachedMs > 0) {
        this.keepBranch();
        this.compareWith(this.index.trace, 'branch');
      } else if (this.comparedWith !== 'branch') this.baseline = undefined;
    }
    // Same code, seed and faults (a restart): keep comparing with what it was compared with.
    this.finder = this.baseline
      ? new DivergenceFinder(this.baseline.trace, this.baseline.reached)
      : undefined;
    this.divergence = undefined;
  }

  /** How far the run on screen went. */
  private howFar(): RunReach {
    return this.finished ? { finished: true } : { finished: false, ms: this.reachedMs };
  }

  private compareWith(trace: readonly TraceEvent[], kind: 'edit' | 'branch', reached = this.howFar()): void {
    this.baseline = { trace, reached };
    this.comparedWith = kind;
  }

  /**
   * Keep the run on screen as a branch (once per set of faults; the newest trace of it wins). Only a run
   * that left time 0 is one (the caller sees to it): a sandbox reloads at 0 on every edit of its scheduled
   * faults (each keystroke of a time), and those would fill the list with runs that never ran.
   */
  private keepBranch(): void {
    if (!this.config) return;
    const key = faultsKey(this.config);
    const faults = this.config.scenario.faults ?? [];
    this.branches = [
      ...this.branches.filter((b) => JSON.stringify(b.faults) !== key),
      { faults, trace: this.index.trace },
    ];
  }

  /**
   * A chunk the kernel made for the run of `generation`: a fork (or reload) that began while the kernel
   * worked on it is the run now, so the old run's chunk is dropped.
   */
  private absorbFor(generation: number, chunk: TraceChunk): void {
    if (generation === this.generation) this.absorb(chunk);
  }

  private absorb(chunk: TraceChunk) {
    this.index.appendChunk(chunk);
    this.reachedMs = chunk.virtualMs;
    this.finished = chunk.finished;
    if (this.finder) this.divergence = this.finder.update(this.index.trace, chunk.finished);
    this.nodes = chunk.nodes;
    this.changed();
  }

  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error.message : String(error);
    this.changed();
  }

  /** Ask for more trace when the cursor gets close to what the kernel has reached. Never blocks. */
  ensureAhead(cursor: number, speed: number): void {
    if (this.advancing || this.finished || this.failure || !this.config) return;
    const ahead = lookaheadMs(speed, this.until);
    if (this.reachedMs >= Math.min(this.until, cursor + ahead / 2)) return;
    this.advancing = true;
    const generation = this.generation;
    void this.serial(async () => {
      // A reload queued before this call has already reset the run: its cursor no longer applies.
      if (generation !== this.generation || this.finished) return;
      const chunk = await this.control.advance(
        Math.min(this.until, Math.max(this.reachedMs, cursor) + ahead),
      );
      this.absorbFor(generation, chunk);
    })
      .catch((error: unknown) => this.fail(error))
      .finally(() => (this.advancing = false));
  }

  /** Run the kernel up to virtual time `at` (or the run's end), whatever the cursor. */
  reach(at: number): Promise<void> {
    const generation = this.generation;
    return this.serial(async () => {
      if (this.finished || this.reachedMs >= at || !this.config) return;
      this.absorbFor(generation, await this.control.advance(Math.min(this.until, at)));
    });
  }

  /** The time of the first event after `t`, asking the kernel for one if none is buffered yet. */
  async nextEventAfter(t: number): Promise<number | undefined> {
    const buffered = this.bufferedEventAfter(t);
    if (buffered !== undefined) return buffered;
    if (this.finished) return undefined;
    const generation = this.generation;
    const answer = await this.serial(async () => {
      // One kernel step may only produce events at the cursor's own time (the nodes' start at 0 ms):
      // keep stepping until there is a later one, or the run ends. Undefined means the run is over.
      for (;;) {
        // A fork (or reload) began since the call: the kernel answers for the old run. Ask again, after it.
        if (generation !== this.generation) return STALE;
        const next = this.bufferedEventAfter(t);
        if (next !== undefined) return next;
        if (this.finished) return undefined;
        this.absorbFor(generation, await this.control.step());
      }
    });
    return answer === STALE ? this.nextEventAfter(t) : answer;
  }

  /** Only up to `reachedMs`: while a fork is recomputed, the old run's events after the fault are not it. */
  private bufferedEventAfter(t: number): number | undefined {
    const events = this.events;
    const next = events[countUpTo(events, t)]?.t;
    return next !== undefined && next <= this.reachedMs ? next : undefined;
  }

  /** The time of the last event before `t` (the trace before the cursor is always buffered). */
  previousEventBefore(t: number): number | undefined {
    const events = this.events;
    return events[countBefore(events, t) - 1]?.t;
  }

  /**
   * Add a fault at virtual time `fault.at`. When the kernel has not passed that time it is injected into
   * the running simulation; otherwise the run is replayed with the fault in its scenario (same seed, so
   * everything before `at` comes out the same) up to where it was.
   */
  addFault(fault: FaultSpec, config: RunConfig): Promise<void> {
    const reached = this.reachedMs;
    const before = this.howFar();
    const forks = reached > fault.at || this.finished;
    if (forks) {
      // What comes after `at` is unknown until the run is recomputed with the fault: from now on the run
      // has reached `at` and is not over, so a playing cursor waits there (rather than reach the old run's
      // end and call the run finished on a trace without the fault), and advances queued for the old run
      // are dropped (a new generation).
      this.generation++;
      this.reachedMs = Math.min(reached, fault.at);
      this.finished = false;
      this.changed();
    }
    return this.serial(async () => {
      if (!forks && this.reachedMs <= fault.at && !this.finished) {
        this.baseline = this.finder = this.divergence = undefined;
        await this.control.inject(fault);
        this.config = config;
        // Run up to the fault, so the view at the cursor shows it even while paused.
        this.absorb(await this.control.advance(fault.at));
        return;
      }
      // A fault added in the past forks the run: the run without it is kept as a branch to compare with.
      // A run that never left time 0 is not one: the comparison stays with the branch the run before it
      // was compared with, if any.
      const from = Math.max(reached, this.reachedMs);
      const left = forks ? before : this.howFar();
      if (from > 0) {
        this.keepBranch();
        this.compareWith(this.index.trace, 'branch', left);
      } else if (this.comparedWith !== 'branch') this.baseline = undefined;
      this.finder = new DivergenceFinder(this.index.trace, left);
      this.divergence = undefined;
      const result = await this.control.load(config);
      if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
      const chunk = await this.control.advance(Math.min(config.scenario.until, Math.max(from, fault.at)));
      this.generation++;
      this.config = config;
      this.index = new RunViewIndex(result.nodes);
      this.absorb(chunk);
    });
  }

  traceHash(): Promise<string> {
    return this.serial(() => this.control.traceHash());
  }

  async dispose(): Promise<void> {
    this.generation++;
    const engine = this.engine;
    this.engine = undefined;
    await engine?.dispose();
  }
}
