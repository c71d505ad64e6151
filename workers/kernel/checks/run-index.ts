/**
 * One index per run, built on first use and shared by every helper: messages by id, replies by the request
 * they answer, deliveries in order. A run's trace never changes once a checker sees it, so the index is kept
 * beside the run (a WeakMap: it goes when the run goes).
 */
import type { Message, MessageId, NodeId, TraceEvent } from '../protocol';
import type { RunResult } from '../scenario';

/** A message as it reached a node: when, where, and the message the sender sent. */
export interface Delivery {
  t: number;
  node: NodeId;
  message: Message;
}

/** A message as it left its sender. */
export interface Send {
  t: number;
  node: NodeId;
  message: Message;
}

export interface RunIndex {
  sends: Send[];
  deliveries: Delivery[];
  byId: Map<MessageId, Message>;
  /** Messages sent with `inReplyTo` = the key, in send order. */
  repliesTo: Map<MessageId, Message[]>;
  /** Deliveries of each message id, in order (a duplicated message arrives twice). */
  deliveriesOf: Map<MessageId, Delivery[]>;
}

const indexes = new WeakMap<readonly TraceEvent[], RunIndex>();

export function indexOf(run: RunResult): RunIndex {
  const cached = indexes.get(run.trace);
  if (cached) return cached;
  const index: RunIndex = {
    sends: [],
    deliveries: [],
    byId: new Map(),
    repliesTo: new Map(),
    deliveriesOf: new Map(),
  };
  for (const e of run.trace) {
    if (e.kind === 'send') {
      const { message } = e;
      index.sends.push({ t: e.t, node: e.node, message });
      index.byId.set(message.id, message);
      if (message.inReplyTo !== undefined) push(index.repliesTo, message.inReplyTo, message);
    } else if (e.kind === 'deliver') {
      const message = index.byId.get(e.messageId);
      // A delivery always follows its send in the trace; one without is not a message any node sent.
      if (!message) continue;
      const delivery = { t: e.t, node: e.node, message };
      index.deliveries.push(delivery);
      push(index.deliveriesOf, message.id, delivery);
    }
  }
  indexes.set(run.trace, index);
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
