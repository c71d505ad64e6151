import {
  budget,
  eventsOf,
  exchanges,
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
} from '@playground/scenario';
import type { Check, Json, RunResult } from '@playground/scenario';

/** A line a service logged: answering cart `cart` meant every one of its lines had gone through `ship`. */
interface Logged {
  service: string;
  line: string;
  cart: number;
  /** When the service answered the cart (undefined: it crashed before answering, so nobody expects it). */
  answeredAt?: number;
  /** Position in the service's own order (answers in trace order, items in order). */
  order: number;
}

const isService = (id: string) => id.startsWith('service-');

/** Every string inside a JSON value (a line may sit anywhere in a learner's batch or buffer entry). */
function strings(value: Json | undefined, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

function cartLines(service: string, body: Json | undefined): { cart: number; lines: string[] } {
  const { id, user, items } = (body ?? {}) as { id: number; user: string; items: string[] };
  return {
    cart: id,
    lines: (items ?? []).map((item, i) => `${service} cart ${id}.${i + 1}: ${user} added ${item}`),
  };
}

/**
 * What each service logged, from the trace: the lines of every cart it answered (in answer order), and of
 * every cart it was delivered but never answered (it crashed first: such a line may exist, need not).
 */
function logged(run: RunResult): Map<string, Logged> {
  const byLine = new Map<string, Logged>();
  const order = new Map<string, number>();
  for (const s of sends(run, { type: 'cart_ok', from: isService })) {
    const request = messageById(run, s.message.inReplyTo ?? '');
    const { cart, lines } = cartLines(s.node, request?.body);
    for (const line of lines) {
      const n = order.get(s.node) ?? 0;
      order.set(s.node, n + 1);
      byLine.set(line, { service: s.node, line, cart, answeredAt: s.t, order: n });
    }
  }
  for (const d of eventsOf(run, 'deliver').filter((d) => d.type === 'cart' && isService(d.node))) {
    const { cart, lines } = cartLines(d.node, messageById(run, d.messageId)?.body);
    for (const line of lines)
      if (!byLine.has(line))
        byLine.set(line, { service: d.node, line, cart, order: Number.POSITIVE_INFINITY });
  }
  return byLine;
}

/** The collector's store at the end, in key order: `{ key, line }` for every value with a `line` string. */
function filed(run: RunResult): { key: string; line: string }[] {
  const storage = run.nodes.find((n) => n.id === 'collector')?.storage ?? {};
  return Object.keys(storage)
    .sort()
    .flatMap((key) => {
      const line = (storage[key] as { line?: Json } | null)?.line;
      return typeof line === 'string' ? [{ key, line }] : [];
    });
}

const quote = (line: string) => `“${line}”`;

export default [
  goal('the services answer their carts', (run) => {
    const carts = exchanges(run, { type: 'cart', from: 'client' });
    const lost = carts.filter((e) => !e.answer);
    if (carts.length > 0 && lost.length <= carts.length * 0.12) return true;
    return fail(
      `${lost.length} of ${carts.length} carts got no answer (a crashed service loses a few, no more): the ` +
        'service part of roles/service.ts must stay as it is, answering after it has shipped its lines.',
      lost[0] ? { at: lost[0].sentAt, messages: [lost[0].request.id] } : {},
    );
  }),

  invariant('every line the collector files was logged, persisted and shipped by its service', (run) => {
    const lines = logged(run);
    const storedAt = new Map<string, number>();
    for (const e of eventsOf(run, 'storage'))
      if (isService(e.node)) for (const s of strings(e.value)) if (!storedAt.has(s)) storedAt.set(s, e.t);
    const shipped = new Map<string, { t: number; id: string; from: string }>();
    for (const s of sends(run, { to: 'collector', from: isService }))
      for (const str of strings(s.message.body))
        if (!shipped.has(str)) shipped.set(str, { t: s.t, id: s.message.id, from: s.node });
    for (const e of eventsOf(run, 'storage')) {
      if (e.node !== 'collector') continue;
      const line = (e.value as { line?: Json } | null | undefined)?.line;
      if (typeof line !== 'string') continue;
      const where = { at: e.t, nodes: ['collector'] };
      const source = lines.get(line);
      if (!source)
        return fail(
          `at ${ms(e.t)} the collector filed ${quote(line)}, which no service logged: file exactly the line ` +
            'the service passed to ship(line), as { line }.',
          where,
        );
      const send = shipped.get(line);
      if (!send || send.t > e.t || send.from !== source.service)
        return fail(
          `at ${ms(e.t)} the collector filed ${quote(line)} before ${source.service} had sent it: file only ` +
            'the lines a service sent you.',
          { ...where, nodes: ['collector', source.service] },
        );
      const persisted = storedAt.get(line);
      if (persisted === undefined || persisted > send.t)
        return fail(
          `${source.service} sent ${quote(line)} to the collector at ${ms(send.t)} without having put it in ` +
            `node.storage first${persisted === undefined ? '' : ` (it stored it only at ${ms(persisted)})`}: a line ` +
            'kept only in memory is lost if the service crashes before the collector has it. In ship(line), ' +
            'write the line to a buffer in node.storage; send from that buffer.',
          { at: send.t, nodes: [source.service], messages: [send.id] },
        );
    }
    return true;
  }),

  goal('every line of an answered cart reaches the collector', (run) => {
    const have = new Set(filed(run).map((f) => f.line));
    const missing = [...logged(run).values()].filter((l) => l.answeredAt !== undefined && !have.has(l.line));
    if (missing.length === 0) return true;
    const first = missing.sort((a, b) => a.answeredAt! - b.answeredAt!)[0]!;
    const crash = outages(run, first.service, ['crash']).find((o) => o.to >= first.answeredAt!);
    const restarted = outages(run, first.service, ['crash']).find((o) => o.to < first.answeredAt!);
    const collectorDown = outages(run, 'collector', ['crash']).find(
      (o) => o.from <= first.answeredAt! + 500 && o.to >= first.answeredAt!,
    );
    const why = [
      crash ? `${first.service} crashed at ${ms(crash.from)} and restarted at ${ms(crash.to)}` : '',
      collectorDown ? `the collector was down from ${ms(collectorDown.from)} to ${ms(collectorDown.to)}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return fail(
      `${plural(missing.length, 'line')} of answered carts never reached the collector, the first ` +
        `${quote(first.line)}, logged by ${first.service} for cart ${first.cart} answered at ` +
        `${ms(first.answeredAt!)}${why ? ` (${why})` : ''}. Keep each line in node.storage until the collector ` +
        'acknowledges it, and send it again until it does' +
        (crash ? ', also after a restart.' : '.') +
        (restarted
          ? ` ${first.service} had restarted at ${ms(restarted.to)}, before it logged this line: do its sequence ` +
            'numbers go on where they stopped, or start again at 1 (so the collector takes new lines for repeats)?'
          : '') +
        faultsNear(run, first.answeredAt!),
      { at: first.answeredAt, nodes: [first.service, 'collector'] },
    );
  }),

  invariant('the collector files each line once', (run) => {
    const keys = new Map<string, string[]>();
    for (const f of filed(run)) keys.set(f.line, [...(keys.get(f.line) ?? []), f.key]);
    const twice = [...keys].filter(([, k]) => k.length > 1);
    if (twice.length === 0) return true;
    const [line, where] = twice[0]!;
    const firstSet = eventsOf(run, 'storage').find(
      (e) => e.node === 'collector' && e.key === where[1] && e.value !== undefined,
    );
    return fail(
      `the collector holds ${plural(twice.length, 'line')} more than once, e.g. ${quote(line)} under ` +
        `${listOf(where, 3)}: a batch came again because its ack was lost (or the collector crashed before ` +
        'acking). Give each line an id that does not change on a resend (node and sequence number) and file ' +
        'it under that id, so a repeat overwrites itself or is skipped.',
      { at: firstSet?.t, nodes: ['collector'] },
    );
  }),

  invariant('each service’s lines are filed in the order it logged them', (run) => {
    const lines = logged(run);
    const last = new Map<string, { order: number; line: string }>();
    for (const { line } of filed(run)) {
      const l = lines.get(line);
      if (!l || l.answeredAt === undefined) continue;
      const before = last.get(l.service);
      if (before && before.order > l.order) {
        const earlier = lines.get(before.line)!;
        const skew = eventsOf(run, 'skew').find((s) => s.node === l.service);
        return fail(
          `in the collector's key order, ${quote(l.line)} (logged at ${ms(l.answeredAt)}) comes after ` +
            `${quote(before.line)} (logged at ${ms(earlier.answeredAt!)}), yet ${l.service} logged it first` +
            (skew
              ? `; ${l.service}'s clock was moved by ${skew.offsetMs} ms at ${ms(skew.t)}, so its timestamps go back`
              : '') +
            '. A node’s clock is not its order: number each node’s lines 1, 2, 3… as it logs them and file them ' +
            'under (node, number).',
          { at: earlier.answeredAt, nodes: [l.service, 'collector'] },
        );
      }
      last.set(l.service, { order: l.order, line });
    }
    return true;
  }),

  budget(
    'messages per line shipped',
    (run) => {
      const between = (id: string) => isService(id);
      const n =
        sends(run, { from: between, to: 'collector' }).length +
        sends(run, { from: 'collector', to: between }).length;
      const lines = new Set(filed(run).map((f) => f.line)).size;
      return {
        value: perOp(n, lines),
        detail: `(${n} messages between services and collector for ${lines} lines)`,
      };
    },
    { unit: 'messages per line', atMost: 0.8, reference: 0.3, digits: 2 },
  ),

  budget(
    'tries per service per second while the collector is down',
    (run) => {
      const down = outages(run, 'collector', ['crash']);
      const seconds = down.reduce((s, o) => s + (o.to - o.from), 0) / 1000;
      const n = sends(run, { from: isService, to: 'collector' }).filter((s) =>
        down.some((o) => s.t >= o.from && s.t < o.to),
      ).length;
      const services = run.nodes.filter((x) => isService(x.id)).length;
      return {
        value: seconds === 0 ? 0 : n / services / seconds,
        detail: `(${n} messages sent to the collector in ${seconds.toFixed(1)} s of its downtime)`,
      };
    },
    { unit: 'tries per service per second', atMost: 4, reference: 1.5 },
  ),
] satisfies Check[];
