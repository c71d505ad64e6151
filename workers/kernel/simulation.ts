/**
 * The kernel's event loop: conservative parallel discrete-event simulation over the host seam.
 *
 * Each step is one window [t0, t0 + lookahead): no message sent inside it can arrive before its end, so every
 * node with work in the window gets its batch at once and the nodes run in parallel. Their effects come back
 * in batch order (node index) and are merged by a stable sort on virtual time, so the trace is ordered by
 * (time, node index, the node's own order) whichever Worker answered first. A window never crosses a fault
 * or the run's end; it does not depend on how callers chunk `runUntil`, so a run replays the same whether it
 * is driven in one go (CLI) or in small advances (UI).
 */
import { applyFault, crashNode, namesIn, type FaultContext } from './apply-fault';
import { admitNextTimer, EffectGuard } from './effect-guard';
import { EventQueue } from './event-queue';
import { FaultSchedule } from './fault-schedule';
import { initialWorld } from './initial-world';
import { drawNemesis } from './nemesis';
import type { Network } from './network';
import { mixSeed } from './prng';
import type {
  DropReason,
  Effect,
  FaultSpec,
  InboundEvent,
  LoadError,
  Message,
  NodeBatch,
  NodeHost,
  RoleSource,
  TraceEvent,
} from './protocol';
import { roleFile, type FinalNode, type RunResult, type ScenarioData } from './scenario';
import { nextWake, takeSendRow, type SimNode } from './sim-node';
import type { Topology } from './topology';
import { Trace } from './trace';
import { WindowMerge } from './window-merge';

export interface SimulationOptions {
  scenario: ScenarioData;
  seed: number;
  host: NodeHost;
}

export interface RunStats {
  events: number;
  messages: { sent: number; delivered: number; dropped: number; duplicated: number };
}

/** A node as the views see it. */
export interface SimNodeView {
  id: string;
  role: string;
  index: number;
  status: SimNode['status'];
}

/** News of a membership change on its way to node `to` (a class: told apart from messages by instanceof). */
class MembershipNews {
  constructor(readonly to: string) {}
}

/** What waits in the kernel's queue: a message copy on its way (the Message itself: no wrapper), or news. */
type Pending = Message | MembershipNews;

export class Simulation {
  readonly trace = new Trace();
  private readonly queue = new EventQueue<Pending>();
  private readonly topology: Topology;
  private readonly network: Network;
  private readonly faults: FaultSchedule;
  private readonly faultContext: FaultContext;
  private readonly stats_: RunStats = {
    events: 0,
    messages: { sent: 0, delivered: 0, dropped: 0, duplicated: 0 },
  };
  private now_ = 0;
  private finished_ = false;
  /** Runtimes to drop through the host before the next window (crashes and stops). */
  private readonly toForget: string[] = [];
  /** Checks that each node's effects are its own (learner code may forge them). */
  private readonly guard = new EffectGuard();
  /** Scratch for Network.routeInto: a message's arrival times (reused, so routing allocates nothing). */
  private readonly arrivals: number[] = [];

  private constructor(
    private readonly options: SimulationOptions,
    private readonly rolesByName: Map<string, RoleSource>,
  ) {
    const { scenario, seed } = options;
    ({ topology: this.topology, network: this.network } = initialWorld(scenario, seed));
    this.faults = new FaultSchedule();
    this.faultContext = {
      topology: this.topology,
      network: this.network,
      record: (event) => this.record(event),
      forgetRuntime: (node) => this.toForget.push(node.id),
      releaseHeld: (node, at) => this.releaseHeld(node, at),
    };
    // The initial nodes are in the trace, so a view needs no side list of who exists.
    for (const node of this.topology.nodes)
      this.record({ t: 0, kind: 'spawn', node: node.id, role: node.role });
    for (const fault of scenario.faults ?? []) this.inject(fault);
    if (scenario.nemesisSchedule || (scenario.nemesis && scenario.nemesis.length > 0)) {
      const drawn =
        scenario.nemesisSchedule ??
        drawNemesis(scenario.nemesis ?? [], seed, {
          nodesNamed: (name) => this.topology.expand(name).map((n) => n.id),
          link: (from, to) => this.network.link(from, to),
        });
      this.record({ t: 0, kind: 'nemesis', faults: drawn });
      for (const fault of drawn) this.inject(fault);
    }
  }

  /** Compile the roles through the host; compile errors come back instead of a simulation. */
  static async create(
    options: SimulationOptions,
    roles: RoleSource[],
  ): Promise<{ ok: true; sim: Simulation } | { ok: false; errors: LoadError[] }> {
    const byName = new Map(roles.map((r) => [r.role, r]));
    const missing = Object.entries(options.scenario.roles)
      .filter(([role]) => !byName.has(role))
      .map(([role, spec]): LoadError => ({
        role,
        file: roleFile(role, spec),
        line: 1,
        message: `no code for role '${role}'`,
      }));
    if (missing.length > 0) return { ok: false, errors: missing };
    const errors = await options.host.load(roles);
    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, sim: new Simulation(options, byName) };
  }

  get now(): number {
    return this.now_;
  }

  get finished(): boolean {
    return this.finished_;
  }

  nodes(): SimNodeView[] {
    return this.topology.nodes.map(({ id, role, index, status }) => ({ id, role, index, status }));
  }

  finalNodes(): FinalNode[] {
    return this.topology.nodes.map((n) => ({
      id: n.id,
      role: n.role,
      alive: n.status === 'up' || n.status === 'paused',
      state: n.state,
      storage: n.storage,
    }));
  }

  stats(): RunStats {
    return { events: this.trace.length, messages: { ...this.stats_.messages } };
  }

  result(): RunResult {
    return {
      scenario: this.options.scenario.id ?? '',
      seed: this.options.seed,
      virtualMs: this.now_,
      trace: this.trace.events,
      nodes: this.finalNodes(),
    };
  }

  /** Schedule a fault (its time must not be in the past). Names must be nodes or roles of this run. */
  inject(fault: FaultSpec): void {
    if (!Number.isFinite(fault.at) || fault.at < this.now_)
      throw new Error(`cannot inject a fault at ${fault.at} ms: the run is at ${this.now_} ms`);
    for (const name of namesIn(fault)) {
      if (!this.topology.knows(name) && !name.includes('/')) {
        throw new Error(
          `fault '${fault.kind}' at ${fault.at} ms names '${name}', which is no node or role of this run`,
        );
      }
    }
    this.faults.insert(fault);
  }

  /** Run whole windows until virtual time reaches `ms` (or the run ends). */
  async runUntil(ms: number): Promise<void> {
    while (!this.finished_ && this.now_ < ms) await this.step();
    // A window that ends exactly at the scenario's end leaves the run there but not yet `finished` (only a
    // step from `until` says so, and records nothing). Say it now: a caller that asked for the end (the
    // page's playback) never asks again, and would wait for the run to finish for ever.
    if (!this.finished_ && this.now_ >= this.options.scenario.until) await this.step();
  }

  /** One window (or one batch of faults). Resolves false once the run is finished. */
  async step(): Promise<boolean> {
    if (this.finished_) return false;
    const until = this.options.scenario.until;
    let t0 = this.queue.peekTime();
    for (const node of this.topology.nodes) t0 = Math.min(t0, nextWake(node));
    // Time never runs backwards: timers that came due while their node was paused are overdue now, and
    // fire at the resume time (the runtime fires a timer due before its batch's `from` at `from`).
    t0 = Math.max(t0, this.now_);
    const faultAt = this.faults.peekTime();
    if (faultAt <= t0 && faultAt < until) {
      this.now_ = Math.max(this.now_, faultAt);
      for (const fault of this.faults.takeDue(faultAt)) applyFault(this.faultContext, fault);
      return true;
    }
    if (t0 >= until) {
      this.now_ = until;
      this.finished_ = true;
      return false;
    }
    const end = Math.min(t0 + this.network.lookahead(), faultAt, until);
    await this.runWindow(t0, end);
    this.now_ = end;
    return true;
  }

  private async runWindow(from: number, until: number): Promise<void> {
    if (this.toForget.length > 0) await this.options.host.stop(this.toForget.splice(0));
    const merge = new WindowMerge();
    const batches = this.collectBatches(from, until, merge);
    const outputs = batches.length > 0 ? await this.options.host.deliver(batches) : [];
    const owners = batches.map((batch) => this.topology.get(batch.node)!);
    outputs.forEach((output, i) => {
      owners[i]!.nextTimerAt = admitNextTimer(batches[i]!, output);
      // Only effects the node could have made itself in its batch (effect-guard.ts): learner code may forge.
      merge.addEffects(owners[i]!, this.guard.admit(owners[i]!, batches[i]!, output));
    });
    merge.forEach(
      (event) => this.record(event),
      (node, effect) => this.applyEffect(node, effect, until),
    );
    // The batches are answered: each node starts the next window with an empty inbox (a new array, as the
    // old one is its batch's `events`).
    for (const owner of owners) {
      owner.inbox = [];
      owner.inboxRows.length = 0;
      owner.inboxNext = 0;
    }
    const last = merge.lastTime(from);
    outputs.forEach((output, i) => {
      const fatal = output.fatal;
      if (!fatal) return;
      // Where the host located the fault (a handler that never returned, a role that failed to compile):
      // an error with its file:line, so the console and the node say it, not only the crash reason.
      if (fatal.where)
        this.record({
          t: last,
          kind: 'error',
          node: owners[i]!.id,
          message: fatal.reason,
          where: fatal.where,
        });
      crashNode(this.faultContext, owners[i]!, last, fatal.reason);
    });
  }

  /** Pop everything due in the window and build one batch per node with work. */
  private collectBatches(from: number, until: number, merge: WindowMerge): NodeBatch[] {
    const queue = this.queue;
    for (let at = queue.peekTime(); at < until; at = queue.peekTime()) {
      const item = queue.pop()!;
      const sendRow = queue.poppedTag;
      const node = this.topology.get(item.to);
      let event: InboundEvent;
      if (item instanceof MembershipNews) {
        if (!node || (node.status !== 'up' && node.status !== 'paused')) continue;
        event = { kind: 'membership', at, peers: this.topology.peersOf(node.id) };
      } else {
        const message = item;
        const dropped = !node
          ? 'unknown-node'
          : node.status === 'crashed' || node.status === 'stopped'
            ? node.status
            : this.network.isBlocked(message.from, message.to)
              ? 'partition'
              : null;
        if (dropped) {
          merge.addKernelEvent(dropEvent(at, message, dropped));
          continue;
        }
        event = { kind: 'deliver', at, message };
      }
      if (node!.status === 'paused') {
        node!.held.push(event);
        node!.heldRows.push(sendRow);
        continue;
      }
      node!.inbox.push(event);
      node!.inboxRows.push(sendRow);
    }
    const batches: NodeBatch[] = [];
    for (const node of this.topology.nodes) {
      const events = node.inbox;
      if (events.length === 0 && nextWake(node) >= until) continue;
      const batch: NodeBatch = { node: node.id, from, until, clockOffset: node.clockOffset, events };
      if (node.bootAt !== null) {
        batch.from = Math.max(from, node.bootAt);
        batch.boot = {
          role: node.role,
          index: node.index,
          seed: mixSeed(this.options.seed, 'node', node.id, node.incarnation),
          incarnation: node.incarnation,
          storage: structuredClone(node.storage),
          peers: this.topology.peersOf(node.id),
        };
        node.bootAt = null;
      }
      batches.push(batch);
    }
    return batches;
  }

  /** Most effects are trace events already: appended as they are, after their side effects on the kernel. */
  private applyEffect(node: SimNode, effect: Effect, windowEnd: number): void {
    switch (effect.kind) {
      case 'send':
        return this.route(effect);
      case 'deliver':
        this.stats_.messages.delivered++;
        this.trace.appendDelivery(effect, takeSendRow(node, effect.messageId, effect.from, effect.type));
        return;
      case 'state':
        node.state = effect.state as Record<string, never>;
        break;
      case 'storage':
        if (effect.value === undefined) delete node.storage[effect.key];
        else node.storage[effect.key] = effect.value;
        break;
      case 'spawn':
        return this.spawn(node, effect, windowEnd);
      case 'stop':
        return this.stopNode(node, effect.id, effect.t, windowEnd);
    }
    this.trace.append(effect);
  }

  private route(send: Effect & { kind: 'send' }): void {
    const { t, message } = send;
    this.stats_.messages.sent++;
    const sendRow = this.trace.appendSend(send);
    const arrivals = this.arrivals;
    const dropped = this.network.routeInto(message, t, arrivals);
    if (dropped) {
      this.record(dropEvent(t, message, dropped));
      return;
    }
    if (arrivals.length > 1) {
      this.stats_.messages.duplicated += arrivals.length - 1;
      this.record({ t, kind: 'duplicate', node: send.node, messageId: message.id, to: message.to });
    }
    for (let i = 0; i < arrivals.length; i++) this.queue.push(arrivals[i]!, message, sendRow);
  }

  private spawn(
    parent: SimNode,
    { id, role, t, storage }: Effect & { kind: 'spawn' },
    windowEnd: number,
  ): void {
    if (!this.rolesByName.has(role) || this.topology.get(id)) {
      const why = this.topology.get(id)
        ? `a node named '${id}' already exists`
        : `there is no role '${role}'`;
      this.record({ t, kind: 'error', node: parent.id, message: `spawn failed: ${why}` });
      return;
    }
    this.topology.add(id, role, windowEnd).storage = storage ?? {};
    this.record({ t, kind: 'spawn', node: id, role, parent: parent.id });
    this.announceMembership(windowEnd);
  }

  private stopNode(by: SimNode, id: string, t: number, windowEnd: number): void {
    const node = this.topology.get(id);
    if (!node || node.status === 'stopped') return;
    node.status = 'stopped';
    node.nextTimerAt = null;
    node.bootAt = null;
    this.toForget.push(id);
    this.record({ t, kind: 'stop', node: id, by: by.id });
    this.announceMembership(windowEnd);
  }

  private announceMembership(at: number): void {
    for (const node of this.topology.nodes) {
      if (node.status !== 'stopped') this.queue.push(at, new MembershipNews(node.id));
    }
  }

  private releaseHeld(node: SimNode, at: number): void {
    const rows = node.heldRows.splice(0);
    node.held.splice(0).forEach((event, k) => {
      if (event.kind === 'deliver') this.queue.push(at, event.message, rows[k]);
      else this.queue.push(at, new MembershipNews(node.id));
    });
  }

  private record(event: TraceEvent): void {
    if (event.kind === 'drop') this.stats_.messages.dropped++;
    this.trace.append(event);
  }
}

function dropEvent(t: number, message: Message, reason: DropReason): TraceEvent {
  return {
    t,
    kind: 'drop',
    node: message.to,
    messageId: message.id,
    from: message.from,
    to: message.to,
    type: message.type,
    reason,
  };
}
