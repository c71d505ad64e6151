/** Bug: waits 3 s before it sends an unacknowledged item again: correct in the end, but late. */
import type { Node } from '@playground/node';

const RESEND_MS = 3000;
const WINDOW = 16;

/** One subscriber of one topic: its own queue, numbered from 1, and how far it has acknowledged. */
interface Subscription {
  id: string;
  queue: string[];
  acked: number;
  /** When (monotonic ms) item n was last sent, by n. */
  sentAt: number[];
}

// The Broker with a queue per subscriber: numbered items, acknowledgements, redelivery.
export default function broker(node: Node) {
  const topics = new Map<string, { lastSeq: number; subs: Map<string, Subscription> }>();
  node.state = { subscribers: {}, unacked: 0 };

  function topicOf(name: string) {
    let topic = topics.get(name);
    if (!topic) topics.set(name, (topic = { lastSeq: 0, subs: new Map() }));
    return topic;
  }

  // [1]
  node.on('subscribe', (msg) => {
    const topic = String(msg.body.topic);
    const subs = topicOf(topic).subs;
    if (!subs.has(msg.from)) subs.set(msg.from, { id: msg.from, queue: [], acked: 0, sentAt: [] });
    node.reply(msg, { topic });
    show();
  });

  // [2]
  node.on('publish', (msg) => {
    const { topic, seq, news } = msg.body as { topic: string; seq: number; news: string };
    const t = topicOf(topic);
    node.reply(msg, { topic, seq });
    if (seq <= t.lastSeq) return;
    t.lastSeq = seq;
    for (const sub of t.subs.values()) {
      sub.queue.push(news);
      pump(topic, sub);
    }
    show();
  });

  // [3]
  node.on('ack', (msg) => {
    const { topic, upTo } = msg.body as { topic: string; upTo: number };
    const sub = topics.get(topic)?.subs.get(msg.from);
    if (!sub || upTo <= sub.acked) return;
    sub.acked = Math.min(upTo, sub.queue.length);
    pump(topic, sub);
    show();
  });

  // [4]
  function pump(topic: string, sub: Subscription) {
    const now = node.monotonic();
    const end = Math.min(sub.queue.length, sub.acked + WINDOW);
    for (let n = sub.acked + 1; n <= end; n++) {
      const last = sub.sentAt[n];
      if (last !== undefined && now - last < RESEND_MS) continue;
      sub.sentAt[n] = now;
      node.send(sub.id, 'news', { topic, n, news: sub.queue[n - 1]! });
    }
  }

  node.every(100, () => {
    for (const [topic, t] of topics) for (const sub of t.subs.values()) pump(topic, sub);
  });

  function show() {
    let unacked = 0;
    const subscribers: Record<string, string> = {};
    for (const t of topics.values())
      for (const sub of t.subs.values()) {
        unacked += sub.queue.length - sub.acked;
        subscribers[sub.id] = `${sub.acked}/${sub.queue.length} acked`;
      }
    node.state = { subscribers, unacked };
    node.metric('unacked', unacked);
  }
}
