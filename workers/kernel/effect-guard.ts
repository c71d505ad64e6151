/**
 * The kernel's check of what a node says it did. Learner code runs in the same realm as its node's runtime and
 * can patch anything the runtime relies on (`Array.prototype.push`, `Object.freeze`, the wire encoder), so a
 * node's output is a claim, not a fact: the kernel accepts from a node only effects of that node, made in the
 * window it was given. Everything else is dropped and recorded as an `error` event of the node that sent it,
 * saying what was refused, so a forgery is visible in the trace instead of silently changing another node.
 *
 * What an honest runtime always produces (incarnation.ts), and so what is checked:
 * - every effect is an object of a known kind whose `node` is the batch's node and whose `t` lies in the
 *   batch's window `[from, until)`;
 * - a `send`'s message comes `from` that node, was sent at the effect's time, and its id is the node's own
 *   (`<node>#<n>`, or `<node>#<incarnation>.<n>` after a restart) with `n` rising: ids are unique per run;
 * - a `deliver` reports a delivery the batch really carried, in batch order, each at most once;
 * - a `spawn` names a child of the node (`<node>/...`).
 * Checks cost a few comparisons per effect and allocate nothing when every effect passes.
 */
import { NO_INCARNATION, parseMessageId, type ParsedId } from './message-id';
import type { Effect, InboundEvent, NodeBatch, NodeOutput, TraceEvent } from './protocol';
import type { SimNode } from './sim-node';

/** More refusals than this in one batch are summed up in one last error event. */
const MAX_REPORTS = 8;
const LOG_LEVELS: ReadonlySet<unknown> = new Set(['info', 'warn', 'error']);

/** The last message number each node used, per incarnation: ids must rise. */
interface IdState {
  incarnation: number;
  n: number;
}

export class EffectGuard {
  private readonly ids = new Map<string, IdState>();
  private readonly parsed: ParsedId = { incarnation: 0, n: 0 };

  /**
   * The effects of `output` the kernel may apply for `owner`, which ran `batch`: the very array when all pass
   * (the honest case), else a new one with each refused effect replaced by an `error` event of `owner`.
   */
  admit(owner: SimNode, batch: NodeBatch, output: NodeOutput): Effect[] {
    const effects = output.effects;
    if (!Array.isArray(effects)) return [this.refusal(owner, batch.from, 'its output had no effect list')];
    let admitted: Effect[] | null = null;
    let refused = 0;
    /** Next batch event a `deliver` may report. */
    let cursor = 0;
    const events = batch.events;
    for (let i = 0; i < effects.length; i++) {
      const effect = effects[i] as Effect;
      let why = this.problem(owner, batch, effect);
      if (why === null && effect.kind === 'deliver') {
        const at = findDelivery(events, cursor, effect, owner.id);
        if (at < 0) why = `a delivery of ${describeId(effect.messageId)} it was not given`;
        else cursor = at + 1;
      }
      if (why === null) {
        if (admitted) admitted.push(effect);
        continue;
      }
      if (!admitted) admitted = effects.slice(0, i);
      if (++refused <= MAX_REPORTS) admitted.push(this.refusal(owner, timeOf(effect, batch), why));
    }
    if (!admitted) return effects;
    if (refused > MAX_REPORTS) {
      const more = `dropped ${refused - MAX_REPORTS} more forged effects of this batch`;
      admitted.push(this.refusal(owner, batch.from, more, true));
    }
    return admitted;
  }

  /** Why `effect` is not one `owner` could have made in `batch`, or null when it could. */
  private problem(owner: SimNode, batch: NodeBatch, effect: Effect): string | null {
    if (typeof effect !== 'object' || effect === null) return 'an effect that is not an object';
    const { t, kind, node } = effect;
    if (node !== owner.id) return `a ${kindName(kind)} effect in the name of ${show(node)}`;
    if (typeof t !== 'number' || !(t >= batch.from && t < batch.until))
      return `a ${kindName(kind)} effect at ${show(t)} ms, outside its window [${batch.from}, ${batch.until})`;
    switch (kind) {
      case 'send':
        return this.sendProblem(owner, effect);
      case 'deliver':
        return typeof effect.messageId === 'string' ? null : 'a delivery without a message id';
      case 'timer':
        return typeof effect.timerId === 'number' ? null : 'a timer event without a timer id';
      case 'log':
        return LOG_LEVELS.has(effect.level) && typeof effect.text === 'string' ? null : 'a malformed log';
      case 'state':
        return null;
      case 'metric':
        return typeof effect.name === 'string' && typeof effect.value === 'number'
          ? null
          : 'a malformed metric';
      case 'storage':
        return typeof effect.key === 'string' ? null : 'a storage write without a key';
      case 'error':
        return typeof effect.message === 'string' ? null : 'an error without a message';
      case 'spawn':
        return typeof effect.role === 'string' &&
          typeof effect.id === 'string' &&
          effect.id.startsWith(`${owner.id}/`)
          ? null
          : `a spawn of ${show(effect.id)}, which is not a child of ${owner.id}`;
      case 'stop':
        return typeof effect.id === 'string' ? null : 'a stop without a node id';
      default:
        return `an effect of kind ${show(kind)}, which only the kernel makes`;
    }
  }

  private sendProblem(owner: SimNode, effect: Effect & { kind: 'send' }): string | null {
    const m = effect.message;
    if (typeof m !== 'object' || m === null) return 'a send without a message';
    if (m.from !== owner.id) return `a message 'from' ${show(m.from)}`;
    if (typeof m.to !== 'string' || typeof m.type !== 'string') return 'a message without a string to/type';
    if (m.sentAt !== effect.t) return `a message stamped ${show(m.sentAt)} ms, sent at ${effect.t} ms`;
    const id = m.id;
    const parsed = this.parsed;
    const own = owner.incarnation === 0 ? NO_INCARNATION : owner.incarnation;
    if (typeof id !== 'string' || !parseMessageId(id, owner.id, parsed) || parsed.incarnation !== own)
      return `a message with the id ${describeId(id)}, which is not one of ${owner.id}'s`;
    let last = this.ids.get(owner.id);
    if (!last || last.incarnation !== own) {
      last = { incarnation: own, n: 0 };
      this.ids.set(owner.id, last);
    }
    if (parsed.n <= last.n) return `a message with the id ${id}, which it used already`;
    last.n = parsed.n;
    return null;
  }

  private refusal(owner: SimNode, t: number, why: string, summary = false): Effect {
    const message = summary ? `the kernel ${why}` : `the kernel dropped a forged effect: ${why}`;
    return { t, kind: 'error', node: owner.id, message } satisfies TraceEvent;
  }
}

/**
 * The node's next timer as the kernel will schedule it: null or a time at or after the batch's end (an honest
 * runtime has fired every timer due before it), so a forged value can never move virtual time backwards.
 */
export function admitNextTimer(batch: NodeBatch, output: NodeOutput): number | null {
  const next = output.nextTimerAt;
  if (next === null || typeof next !== 'number' || Number.isNaN(next)) return null;
  return next < batch.until ? batch.until : next;
}

/** The effect's own time when it lies in the window (so the trace stays in order), else the window's start. */
function timeOf(effect: unknown, batch: NodeBatch): number {
  const t = (effect as { t?: unknown } | null)?.t;
  return typeof t === 'number' && t >= batch.from && t < batch.until ? t : batch.from;
}

function describeId(id: unknown): string {
  return typeof id === 'string' ? `'${id.slice(0, 80)}'` : show(id);
}

/** An effect's kind as a word when it is one (`send`), else as `show` gives it. */
function kindName(kind: unknown): string {
  return typeof kind === 'string' && /^[a-z]{1,12}$/.test(kind) ? kind : show(kind);
}

/** A claimed value, for the message: strings quoted and cut short, anything else by its type. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 80));
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return `a ${typeof value}`;
}

/**
 * Index of the batch delivery to `node` (from `cursor` on) that `effect` reports, or -1. Deliveries come in
 * batch order, so callers move `cursor` past each one found (the wire codec compacts with it too).
 */
export function findDelivery(
  events: readonly InboundEvent[],
  cursor: number,
  effect: Effect & { kind: 'deliver' },
  node: string,
): number {
  for (let i = cursor; i < events.length; i++) {
    const event = events[i]!;
    if (event.kind !== 'deliver') continue;
    const m = event.message;
    if (
      m.id === effect.messageId &&
      m.from === effect.from &&
      m.type === effect.type &&
      m.to === node &&
      event.at === effect.t
    )
      return i;
  }
  return -1;
}
