/**
 * Hosts one node's learner code: boots it, feeds it a batch's events and due timers in virtual-time order,
 * waits until it is quiescent, and returns its effects. Pure: no real time, no platform; the host supplies
 * the one thing it needs from the platform, a way to yield to the next macrotask.
 *
 * Determinism rule (why the same batches give the same effects, whatever runs concurrently):
 * 1. Virtual time moves only between events, and only after the previous event's work has settled: if the
 *    handler returned a thenable, or the event settled a runtime promise (rpc reply or timeout, sleep), or
 *    tracked async work (Web Crypto) is pending, we await `yieldToMacrotask()` until nothing tracked is
 *    pending. A macrotask boundary runs every queued microtask, so whole async chains finish at the
 *    event's time, whatever their length.
 * 2. Everything that completes a learner promise is an event of this node (rpc replies and timeouts, sleeps,
 *    timers) except Web Crypto, whose results are delivered in call order (Incarnation.track).
 * 3. Cheap path: a synchronous handler costs no yield. Microtasks it queued itself run at this node's next
 *    yield (at the latest the one that ends every batch), stamped with the time of the node at that point:
 *    later than "right away", but the same on every run. Other nodes' code running during our yields
 *    touches only their own incarnations.
 * Untracked real async work (the real `globalThis.setTimeout`, fetch) is outside the rule; containment
 * removes it.
 */
import type { Effect, NodeBatch, NodeId, NodeOutput } from '../kernel/protocol';
import type { CompiledRole } from './role-module';
import { locateError } from './role-module';
import { Incarnation } from './incarnation';
import { arrayPush } from './intrinsics';

/** The end of a boot's fatal reason when the role's default export cannot be called (the CLI exits 2 on it). */
export const NOT_A_FUNCTION = 'the default export is not a function';

export interface NodeRuntimeHooks {
  /** Resolve after the current macrotask (all queued microtasks run first). */
  yieldToMacrotask: () => Promise<void>;
}

/** The runtime whose code ran last (set on entry and after every yield): where an unhandled rejection goes. */
let running: NodeRuntime | undefined;

/**
 * The platform's unhandled-rejection report (Node's `unhandledRejection`, a Worker's `unhandledrejection`),
 * turned into an `error` event of the node that ran last. Exact where nodes run one at a time (GuardedHost,
 * one node per Worker, one node per vm context): the platform reports once the microtasks of the node's
 * current step have run, before that node's next yield returns.
 */
export function reportUnhandledRejection(reason: unknown): void {
  running?.reportUnhandled(reason);
}

export class NodeRuntime {
  private inc: Incarnation | undefined;
  /** Errors reported between batches, emitted at the start of the next one. */
  private late: unknown[] = [];
  private inBatch = false;

  constructor(
    readonly id: NodeId,
    readonly role: CompiledRole,
    private readonly hooks: NodeRuntimeHooks,
  ) {}

  /** Handle one window: boot if asked, then events and own timers due before `until`, in time order. */
  async handleBatch(batch: NodeBatch): Promise<NodeOutput> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the module's record of who runs
    running = this;
    this.inBatch = true;
    try {
      return await this.runBatch(batch);
    } finally {
      this.inBatch = false;
    }
  }

  /** An unhandled rejection of this node's code: an error event now, or at the start of its next batch. */
  reportUnhandled(reason: unknown): void {
    const inc = this.inc;
    if (!inc) return;
    if (!this.inBatch) {
      arrayPush(this.late, reason);
      return;
    }
    inc.reportError(reason, 'unhandled rejection: ');
  }

  private async runBatch(batch: NodeBatch): Promise<NodeOutput> {
    const effects: Effect[] = [];
    if (batch.boot) {
      // Fresh memory. The old incarnation's floating continuations write into a list nobody reads.
      if (this.inc) this.inc.effects = [];
      const inc = new Incarnation(this.id, this.role, batch.boot, batch.from);
      inc.clockOffset = batch.clockOffset;
      inc.effects = effects;
      this.inc = inc;
      const started = this.runMain(inc);
      if (typeof started === 'object') {
        this.inc = undefined;
        inc.effects = [];
        return { node: this.id, effects, nextTimerAt: null, fatal: started };
      }
      if (started || inc.settled || inc.asyncPending > 0) await this.quiesce(inc);
      inc.captureState();
    }

    const inc = this.inc;
    if (!inc) {
      return {
        node: this.id,
        effects,
        nextTimerAt: null,
        fatal: { reason: `node ${this.id} has not booted` },
      };
    }
    inc.effects = effects;
    inc.clockOffset = batch.clockOffset;
    if (this.late.length > 0) {
      inc.time = batch.from;
      for (const reason of this.late.splice(0)) inc.reportError(reason, 'unhandled rejection: ');
    }

    const { events, from, until } = batch;
    const timers = inc.timers;
    let next = 0;
    for (;;) {
      const event = events[next];
      const timer = timers.peek();
      // A timer due before `from` (the node was paused) fires at `from`; inbound events win ties.
      const timerAt = timer === undefined || timer.due >= until ? Infinity : Math.max(timer.due, from);
      if (event === undefined && timerAt === Infinity) break;
      inc.settled = false;
      let async: boolean;
      if (event !== undefined && event.at <= timerAt) {
        next++;
        inc.time = event.at;
        if (event.kind === 'deliver') async = inc.deliver(event.message);
        else {
          inc.setPeers(event.peers);
          async = false;
        }
      } else {
        inc.time = timerAt;
        async = inc.fire(timer!);
      }
      if (async || inc.settled || inc.asyncPending > 0) await this.quiesce(inc);
      inc.captureState();
    }

    // Let microtask chains the cheap path left behind finish inside this batch.
    await this.quiesce(inc);
    inc.captureState();
    inc.effects = [];
    return { node: this.id, effects, nextTimerAt: inc.timers.nextDue() };
  }

  /** Run until no tracked async work is pending; at least one macrotask boundary. */
  private async quiesce(inc: Incarnation): Promise<void> {
    do {
      await this.hooks.yieldToMacrotask();
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the module's record of who runs
      running = this;
    } while (inc.asyncPending > 0);
  }

  /**
   * Instantiate the module and call its default export. Returns true when main returned a thenable, or a
   * fatal reason when there is nothing to run.
   */
  private runMain(inc: Incarnation): boolean | { reason: string; where?: { file: string; line: number } } {
    const file = this.role.file;
    let exports: Record<string, unknown>;
    try {
      exports = this.role.instantiate(inc.globals);
    } catch (err) {
      inc.reportError(err);
      const where = locateError(err, file);
      return {
        reason: `${file} failed to load: ${(err as Error)?.message ?? String(err)}`,
        ...(where ? { where } : {}),
      };
    }
    // `module.exports = function (node) {...}` works too.
    const main: unknown = typeof exports === 'function' ? exports : exports.default;
    if (main === undefined)
      return { reason: `${file} has no default export (export default function ...(node) {})` };
    if (typeof main !== 'function') return { reason: `${file}: ${NOT_A_FUNCTION}` };
    return inc.invoke(main as (node: unknown) => unknown, inc.node);
  }
}
