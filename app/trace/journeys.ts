/**
 * Message journeys: every copy of every message, from its send to its delivery or drop. Built once as events
 * are appended and never refolded, it looks ahead: a view at t knows when an in-flight message will land
 * (if the kernel has run that far), which is what lets the graph place it along its link.
 */
import type { DropReason, Message, MessageId, TraceEvent } from '../../workers/kernel/protocol';
import type { FlyingMessage } from './types';

export interface JourneyEnd {
  t: number;
  /** Trace index of the deliver/drop event. */
  i: number;
  fate: 'delivered' | 'dropped';
  reason?: DropReason;
}

export interface Journey {
  message: Message;
  copy: number;
  /** Trace index of the send (or duplicate) event that made this copy. */
  created: number;
  /** Position in the ledger. */
  pos: number;
  end: JourneyEnd | null;
}

export class JourneyLedger {
  /** In creation order: ledger position = creation order, which is also trace order. */
  readonly all: Journey[] = [];
  private readonly byId = new Map<MessageId, Journey[]>();
  /** Positions of the journeys with no known end yet, in creation order. */
  readonly open = new Set<number>();

  /**
   * Record trace event i. Returns the journey it began or ended (undefined for other events), so a view
   * that keeps its own marks per journey (the sequence diagram's arrows) follows this one rule.
   */
  add(e: TraceEvent, i: number): Journey | undefined {
    switch (e.kind) {
      case 'send':
        return this.create(e.message, i);
      case 'duplicate': {
        const first = this.byId.get(e.messageId)?.[0];
        return first && this.create(first.message, i);
      }
      case 'deliver':
        return this.finish(e.messageId, { t: e.t, i, fate: 'delivered' });
      case 'drop':
        return this.finish(e.messageId, { t: e.t, i, fate: 'dropped', reason: e.reason });
      default:
        return undefined;
    }
  }

  private create(message: Message, i: number): Journey {
    const copies = this.byId.get(message.id) ?? [];
    if (copies.length === 0) this.byId.set(message.id, copies);
    const j: Journey = { message, copy: copies.length, created: i, pos: this.all.length, end: null };
    copies.push(j);
    this.open.add(this.all.length);
    this.all.push(j);
    return j;
  }

  // Copies are indistinguishable on the wire, so the first ending event closes the oldest open copy.
  private finish(id: MessageId, end: JourneyEnd): Journey | undefined {
    const copies = this.byId.get(id);
    if (!copies) return undefined;
    const j = copies.find((c) => c.end === null);
    if (!j) return undefined;
    j.end = end;
    this.open.delete(j.pos);
    return j;
  }
}

/** Is journey j drawn at time t (cut = events with event.t <= t)? */
export function visibleAt(j: Journey, t: number, cut: number, fadeMs: number): boolean {
  return j.created < cut && (j.end === null || j.end.t >= t - fadeMs);
}

export function toFlying(j: Journey, t: number): FlyingMessage {
  const m = j.message;
  const ended = j.end !== null && j.end.t <= t;
  const out: FlyingMessage = {
    id: m.id,
    from: m.from,
    to: m.to,
    type: m.type,
    body: m.body,
    sentAt: m.sentAt,
    arriveAt: j.end ? j.end.t : null,
    fate: ended && j.end ? j.end.fate : 'in-flight',
    copy: j.copy,
  };
  if (ended && j.end?.reason !== undefined) out.dropReason = j.end.reason;
  if (j.copy > 0) out.duplicate = true;
  return out;
}
