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
  };
}

/** When the node next needs a batch even if no message arrives: boot, or its earliest timer. */
export function nextWake(node: SimNode): number {
  if (node.status !== 'up') return Infinity;
  if (node.bootAt !== null) return node.bootAt;
  return node.nextTimerAt ?? Infinity;
}
