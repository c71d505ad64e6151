/**
 * Messages as the checks need them: what was sent, what arrived (with the whole message, not just its id),
 * and exchanges: each request with the replies it caused and the time its sender first had an answer.
 * Every helper follows ids in the trace (`inReplyTo`, the kernel's message ids), never a field of a body.
 */
import type { Message, MessageId, NodeId } from '../protocol';
import type { RunResult } from '../scenario';
import { indexOf, type Delivery, type Send } from './run-index';

export type { Delivery, Send } from './run-index';

/** Which messages: by type (one or several), sender, receiver, and a time window [after, before). */
export interface MessageFilter {
  type?: string | readonly string[];
  from?: NodeId | ((id: NodeId) => boolean);
  to?: NodeId | ((id: NodeId) => boolean);
  after?: number;
  before?: number;
}

function matches(filter: MessageFilter | undefined, t: number, m: Message): boolean {
  if (!filter) return true;
  const { type, from, to, after, before } = filter;
  if (type !== undefined && (typeof type === 'string' ? m.type !== type : !type.includes(m.type)))
    return false;
  if (from !== undefined && (typeof from === 'string' ? m.from !== from : !from(m.from))) return false;
  if (to !== undefined && (typeof to === 'string' ? m.to !== to : !to(m.to))) return false;
  if (after !== undefined && t < after) return false;
  if (before !== undefined && t >= before) return false;
  return true;
}

/** Every send matching the filter, in trace order: when, by whom, and the message. */
export function sends(run: RunResult, filter?: MessageFilter): Send[] {
  return indexOf(run).sends.filter((s) => matches(filter, s.t, s.message));
}

/** Every delivery matching the filter, in trace order, with the whole message. Duplicates arrive twice. */
export function deliveries(run: RunResult, filter?: MessageFilter): Delivery[] {
  return indexOf(run).deliveries.filter((d) => matches(filter, d.t, d.message));
}

/** The message with this id, as its sender sent it. */
export function messageById(run: RunResult, id: MessageId): Message | undefined {
  return indexOf(run).byId.get(id);
}

/** Every delivery of one message (none if lost, two if duplicated). */
export function deliveriesOf(run: RunResult, id: MessageId): Delivery[] {
  return indexOf(run).deliveriesOf.get(id) ?? [];
}

/** The messages sent in reply to this one (`inReplyTo` = its id), in send order. */
export function repliesTo(run: RunResult, id: MessageId): Message[] {
  return indexOf(run).repliesTo.get(id) ?? [];
}

/** A request and what came of it. */
export interface Exchange {
  request: Message;
  /** When the request was sent. */
  sentAt: number;
  /** Every reply sent to it (by anyone), in send order. */
  replies: Message[];
  /** The first reply that reached the requester, and when; absent if none did. */
  answer?: Delivery;
  /** `answer.t - sentAt`: how long the requester waited. */
  latency?: number;
}

/** Each request matching the filter, with its replies and the time to the first answer. */
export function exchanges(run: RunResult, filter: MessageFilter): Exchange[] {
  const index = indexOf(run);
  return sends(run, filter).map(({ t, message }) => {
    const replies = index.repliesTo.get(message.id) ?? [];
    let answer: Delivery | undefined;
    for (const reply of replies) {
      for (const d of index.deliveriesOf.get(reply.id) ?? []) {
        if (d.node === message.from && (answer === undefined || d.t < answer.t)) answer = d;
      }
    }
    const exchange: Exchange = { request: message, sentAt: t, replies };
    if (answer) {
      exchange.answer = answer;
      exchange.latency = answer.t - t;
    }
    return exchange;
  });
}

/**
 * What a node had received by a moment: the deliveries to `node` matching the filter, at or before `t`,
 * newest first. The way to follow cause: "this answer came from that upstream reply", "the value it returned was
 * the last one it was told".
 */
export function receivedBefore(run: RunResult, node: NodeId, t: number, filter?: MessageFilter): Delivery[] {
  const out: Delivery[] = [];
  for (const d of indexOf(run).deliveries) {
    if (d.t > t) break;
    if (d.node === node && matches(filter, d.t, d.message)) out.push(d);
  }
  return out.reverse();
}
