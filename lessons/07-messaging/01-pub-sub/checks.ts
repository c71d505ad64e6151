import {
  budget,
  deliveriesOf,
  fail,
  faultsNear,
  goal,
  invariant,
  listOf,
  messageById,
  ms,
  outages,
  perOp,
  plural,
  sends,
  type Check,
  type Message,
  type RunResult,
} from '@playground/scenario';

/** How soon a subscriber must print an item once nothing (an outage, its late subscription) is in the way. */
const DELIVERY_BOUND_MS = 1500;
const PRINTED = /received news: (.*)$/;

interface Item {
  seq: number;
  news: string;
  /** When the broker first got it, and its place in the trace (a tie in time is broken by trace order). */
  t: number;
  pos: number;
}
interface Print {
  node: string;
  text: string;
  t: number;
  pos: number;
}
interface Model {
  items: Item[];
  byText: Map<string, Item>;
  subscribedAt: Map<string, { t: number; pos: number }>;
  /** Deliveries from the broker to each subscriber, in order. */
  fromBroker: Map<string, { t: number; pos: number; message: Message }[]>;
  prints: Map<string, Print[]>;
  /** How many times the broker received each item (by seq): more than once when the publisher resent it. */
  handedOver: Map<number, number>;
  subscribers: string[];
}

const models = new WeakMap<object, Model>();

/** One walk of the trace: what the publisher published, when the broker had it, who printed what. */
function model(run: RunResult): Model {
  const cached = models.get(run.trace);
  if (cached) return cached;
  const texts = new Map<number, string>();
  for (const s of sends(run, { type: 'publish', from: 'publisher' })) {
    const body = s.message.body as { seq: number; news: string };
    texts.set(body.seq, body.news);
  }
  const m: Model = {
    items: [],
    byText: new Map(),
    subscribedAt: new Map(),
    fromBroker: new Map(),
    prints: new Map(),
    handedOver: new Map(),
    subscribers: run.nodes.filter((n) => n.role === 'subscriber').map((n) => n.id),
  };
  for (const id of m.subscribers) {
    m.fromBroker.set(id, []);
    m.prints.set(id, []);
  }
  run.trace.forEach((e, pos) => {
    if (e.kind === 'deliver') {
      const message = messageById(run, e.messageId);
      if (!message) return;
      if (e.node === 'broker' && message.type === 'publish' && message.from === 'publisher') {
        const seq = (message.body as { seq: number }).seq;
        m.handedOver.set(seq, (m.handedOver.get(seq) ?? 0) + 1);
        if (!m.items.some((i) => i.seq === seq))
          m.items.push({ seq, news: texts.get(seq) ?? '', t: e.t, pos });
      } else if (e.node === 'broker' && message.type === 'subscribe' && !m.subscribedAt.has(message.from)) {
        m.subscribedAt.set(message.from, { t: e.t, pos });
      } else if (message.from === 'broker') {
        m.fromBroker.get(e.node)?.push({ t: e.t, pos, message });
      }
    } else if (e.kind === 'log') {
      const match = PRINTED.exec(e.text);
      if (match) m.prints.get(e.node)?.push({ node: e.node, text: match[1]!, t: e.t, pos });
    }
  });
  for (const item of m.items) m.byText.set(item.news, item);
  models.set(run.trace, m);
  return m;
}

/** The items published after `node` subscribed, in the publisher's order. */
function due(m: Model, node: string): Item[] {
  const sub = m.subscribedAt.get(node);
  return sub ? m.items.filter((i) => i.pos > sub.pos) : [];
}

/** The id of the newest message from the broker that carried this print's text to its node before it. */
function carrier(m: Model, p: Print): string | undefined {
  const quoted = JSON.stringify(p.text);
  let found: string | undefined;
  for (const d of m.fromBroker.get(p.node) ?? []) {
    if (d.pos > p.pos) break;
    if (JSON.stringify(d.message.body).includes(quoted)) found = d.message.id;
  }
  return found;
}

/** " Its subscribe reached the broker 2 times (...)": a hint when a repeated subscribe may have reset it. */
function resubscribed(run: RunResult, node: string): string {
  const times = sends(run, { type: 'subscribe', from: node })
    .flatMap((s) => deliveriesOf(run, s.message.id))
    .filter((d) => d.node === 'broker')
    .map((d) => ms(d.t));
  if (times.length < 2) return '';
  return (
    ` Its subscribe reached the broker ${times.length} times (at ${listOf(times)}): a repeated subscribe ` +
    `must leave the subscription and its queue as they are.`
  );
}

const story = (item: Item) => `#${item.seq} "${item.news}"`;

export default [
  invariant('the publisher and the subscribers talk to the broker only', (run) => {
    const m = model(run);
    const talkers = new Set(['publisher', ...m.subscribers]);
    const stray = sends(run, { from: (id) => talkers.has(id), to: (id) => id !== 'broker' })[0];
    if (!stray) return true;
    return fail(
      `${stray.node} sent ${stray.message.type} to ${stray.message.to} at ${ms(stray.t)}: in pub-sub the ` +
        `publisher does not know its subscribers, and subscribers hear only from the broker.`,
      { at: stray.t, nodes: [stray.node, stray.message.to], messages: [stray.message.id] },
    );
  }),

  invariant('every printed item was published, and reached its subscriber through the broker', (run) => {
    const m = model(run);
    for (const [node, prints] of m.prints) {
      for (const p of prints) {
        const item = m.byText.get(p.text);
        if (!item)
          return fail(`${node} printed "${p.text}" at ${ms(p.t)}, which the publisher never published.`, {
            at: p.t,
            nodes: [node],
          });
        if (!carrier(m, p))
          return fail(
            `${node} printed ${story(item)} at ${ms(p.t)}, but no message from the broker carrying it had ` +
              `reached ${node} by then: print what the broker sent you.`,
            { at: p.t, nodes: [node] },
          );
      }
    }
    return true;
  }),

  invariant('a subscriber prints only news published after it subscribed', (run) => {
    const m = model(run);
    for (const [node, prints] of m.prints) {
      const sub = m.subscribedAt.get(node);
      for (const p of prints) {
        const item = m.byText.get(p.text);
        if (!item || (sub && item.pos > sub.pos)) continue;
        const when = sub ? `it subscribed at ${ms(sub.t)}` : 'its subscribe never reached the broker';
        return fail(
          `${node} printed ${story(item)} (the broker had it at ${ms(item.t)}), but ${when}: a subscriber gets ` +
            `the news published after it subscribed, not the topic's history.`,
          { at: p.t, nodes: [node] },
        );
      }
    }
    return true;
  }),

  invariant('each subscriber prints the news in the order it was published, each item once', (run) => {
    const m = model(run);
    for (const [node, prints] of m.prints) {
      const seen = new Map<number, Print>();
      let last: { item: Item; p: Print } | undefined;
      for (const p of prints) {
        const item = m.byText.get(p.text);
        if (!item) continue;
        const before = seen.get(item.seq);
        if (before) {
          const [a, b] = [carrier(m, before), carrier(m, p)];
          const handed = m.handedOver.get(item.seq) ?? 1;
          const cause =
            a && a === b
              ? 'the network delivered one message of the broker twice'
              : handed > 1
                ? `the broker sent it in two messages, and the publisher had handed it over ${handed} times ` +
                  `(a publish_ok was lost, or the broker was slow): queue an item once per publisher seq`
                : 'the broker sent it in two messages (a resend: the ack was lost, or late)';
          return fail(
            `${node} printed ${story(item)} twice, at ${ms(before.t)} and at ${ms(p.t)}: ${cause}. ` +
              `Number each subscriber's items and drop one it has printed already.`,
            { at: p.t, nodes: [node] },
          );
        }
        if (last && item.seq < last.item.seq)
          return fail(
            `${node} printed ${story(item)} at ${ms(p.t)}, after #${last.item.seq} (printed at ` +
              `${ms(last.p.t)}): the network reorders messages. Hold back an item that arrives before its ` +
              `predecessor and print it in turn.`,
            { at: p.t, nodes: [node] },
          );
        seen.set(item.seq, p);
        last = { item, p };
      }
    }
    return true;
  }),

  goal('every subscriber gets every item published after it subscribed', (run) => {
    const m = model(run);
    for (const node of m.subscribers) {
      const sub = m.subscribedAt.get(node);
      if (!sub) {
        const tries = sends(run, { type: 'subscribe', from: node }).length;
        return fail(
          `${node} never subscribed: none of its ${plural(tries, 'subscribe message')} reached the broker. ` +
            `Ask again until the broker confirms (subscribe_ok).`,
          { nodes: [node, 'broker'] },
        );
      }
      const printed = new Set(m.prints.get(node)!.map((p) => p.text));
      const missing = due(m, node).filter((i) => !printed.has(i.news));
      if (missing.length === 0) continue;
      const first = missing[0]!;
      return fail(
        `${node} subscribed at ${ms(sub.t)} but never printed ${plural(missing.length, 'item')} of the ` +
          `${due(m, node).length} published after that: ${listOf(
            missing.map((i) => `#${i.seq}`),
            8,
          )}. ` +
          `The first was published at ${ms(first.t)}.` +
          faultsNear(run, first.t, 2000) +
          resubscribed(run, node) +
          ` Keep each subscriber's unacknowledged items and send them again until it acknowledges them.`,
        { at: first.t, nodes: [node, 'broker'] },
      );
    }
    return true;
  }),

  goal(`each item is printed within ${DELIVERY_BOUND_MS} ms, outages aside`, (run) => {
    const m = model(run);
    for (const node of m.subscribers) {
      const sub = m.subscribedAt.get(node);
      if (!sub) continue;
      const away = [
        ...outages(run, node).filter((o) => o.kind !== 'partition' || o.peer === 'broker'),
        ...outages(run, 'broker').filter((o) => o.kind !== 'partition'),
      ];
      const printedAt = new Map(m.prints.get(node)!.map((p) => [p.text, p.t]));
      for (const item of due(m, node)) {
        const at = printedAt.get(item.news);
        if (at === undefined) continue; // the goal above says so
        let ready = Math.max(item.t, sub.t);
        for (let moved = true; moved;) {
          moved = false;
          for (const o of away)
            if (o.from <= ready + DELIVERY_BOUND_MS && o.to > ready) {
              ready = o.to;
              moved = true;
            }
        }
        if (at - ready > DELIVERY_BOUND_MS)
          return fail(
            `${node} printed #${item.seq} at ${ms(at)}, ${ms(at - ready)} after it could have ` +
              `(published at ${ms(item.t)}, nothing in the way from ${ms(ready)}): resend an unacknowledged ` +
              `item within a few hundred ms.`,
            { at, nodes: [node, 'broker'] },
          );
      }
    }
    return true;
  }),

  budget(
    'broker sends per item per subscriber',
    (run) => {
      const m = model(run);
      const owed = m.subscribers.reduce((sum, node) => sum + due(m, node).length, 0);
      const out = sends(run, { from: 'broker', to: (id) => m.subscribers.includes(id) }).length;
      return { value: perOp(out, owed), detail: `(${out} sends for ${owed} items owed to subscribers)` };
    },
    { unit: 'sends per item per subscriber', atMost: 2.2, reference: 1.4, digits: 2 },
  ),
] satisfies Check[];
