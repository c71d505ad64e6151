/**
 * The kernel's record of one node: what survives a crash (storage, incarnation) and what the views need
 * (status, last state). The node's code and memory live in its runtime, behind the host seam.
 */
import type { InboundEvent, Json, NodeId } from './protocol';

export type SimNodeStatus = 'up' | 'crashed' | 'paused' | 'stopped';

export interface SimNode {
  id: NodeId;
  role: string;
  /** Creation order: the tie-break when two nodes act at the same virtual time. */
  index: number;
  status: SimNodeStatus;
  incarnation: number;
  storage: Record<string, Json>;
  /** The last state the node reported (kept after a crash for the views; a restart starts from {}). */
  state: Record<string, Json>;
  /** Earliest pending timer of the running incarnation. */
  nextTimerAt: number | null;
  /** Virtual time to (re)start the node's code at, or null when it is running or down. */
  bootAt: number | null;
  clockOffset: number;
  /** Deliveries that arrived while the node was paused, handed over on resume. */
  held: InboundEvent[];
  /** The trace row of each held event's message send (-1 for other events), parallel to `held`. */
  heldRows: number[];
  /** What the node gets in the window being built or run (its batch's `events`). */
  inbox: InboundEvent[];
  /**
   * The trace row of each inbox message's send (-1 for other events), parallel to `inbox`: its `deliver`
   * effects are matched to them (`takeSendRow`), so the trace copies the send's columns instead of parsing.
   */
  inboxRows: number[];
  inboxNext: number;
}

export function newSimNode(id: NodeId, role: string, index: number, bootAt: number): SimNode {
  return {
    id,
    role,
    index,
    status: 'up',
    incarnation: 0,
    storage: {},
    state: {},
    nextTimerAt: null,
    bootAt,
    clockOffset: 0,
    held: [],
    heldRows: [],
    inbox: [],
    inboxRows: [],
    inboxNext: 0,
  };
}

/**
 * The send row of the message a `deliver` effect of this node names: the next message of its batch with that
 * id (effects keep batch order), or -1 when none matches (then the trace parses the effect itself).
 */
export function takeSendRow(node: SimNode, messageId: string, from: string, type: string): number {
  const inbox = node.inbox;
  while (node.inboxNext < inbox.length) {
    const k = node.inboxNext++;
    const event = inbox[k]!;
    if (event.kind !== 'deliver') continue;
    const message = event.message;
    if (message.id === messageId && message.from === from && message.type === type && message.to === node.id)
      return node.inboxRows[k]!;
  }
  return -1;
}

/** When the node next needs a batch even if no message arrives: boot, or its earliest timer. */
export function nextWake(node: SimNode): number {
  if (node.status !== 'up') return Infinity;
  if (node.bootAt !== null) return node.bootAt;
  return node.nextTimerAt ?? Infinity;
}
