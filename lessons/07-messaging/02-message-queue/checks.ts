import {
  budget,
  deliveries,
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
  receivedBefore,
  sends,
  type Check,
  type Message,
  type RunResult,
} from '@playground/scenario';

/** A task held by a consumer that crashed or stalled must be handed out again within this long. */
const REDELIVER_BOUND_MS = 2500;
const TASK_ID = /task-\d{3}/;

interface Effect {
  task: string;
  consumer: string;
  t: number;
  apply: Message;
}
interface Handout {
  t: number;
  consumer: string;
  message: Message;
}
interface Model {
  produced: Map<string, { task: unknown; t: number }>;
  poison: string | undefined;
  effects: Map<string, Effect[]>;
  /** Every time the queue sent a task to a consumer, by task id, in order. */
  handouts: Map<string, Handout[]>;
  handoutCount: number;
  /** Tasks the dead-letter queue confirmed it parked (its own answers), with the queue's request. */
  parked: Map<string, { t: number; request: Message }>;
  consumers: string[];
}

const models = new WeakMap<object, Model>();
const taskIn = (m: Message) => TASK_ID.exec(JSON.stringify(m.body))?.[0];

function model(run: RunResult): Model {
  const cached = models.get(run.trace);
  if (cached) return cached;
  const m: Model = {
    produced: new Map(),
    poison: undefined,
    effects: new Map(),
    handouts: new Map(),
    handoutCount: 0,
    parked: new Map(),
    consumers: run.nodes.filter((n) => n.role === 'consumer').map((n) => n.id),
  };
  for (const s of sends(run, { type: 'enqueue', from: 'producer' })) {
    const task = (s.message.body as { task: { id: string; amount: unknown } }).task;
    if (m.produced.has(task.id)) continue;
    m.produced.set(task.id, { task, t: s.t });
    if (typeof task.amount !== 'number') m.poison = task.id;
  }
  for (const s of sends(run, { from: 'ledger', type: 'apply_ok' })) {
    const body = s.message.body as { task?: string; applied?: boolean };
    const apply = s.message.inReplyTo ? messageById(run, s.message.inReplyTo) : undefined;
    if (body.applied !== true || !apply || typeof body.task !== 'string') continue;
    const list = m.effects.get(body.task) ?? [];
    list.push({ task: body.task, consumer: apply.from, t: s.t, apply });
    m.effects.set(body.task, list);
  }
  for (const s of sends(run, { from: 'queue', to: (id) => m.consumers.includes(id) })) {
    const id = taskIn(s.message);
    if (!id || !m.produced.has(id)) continue;
    // An answer to a consumer's message about this very task (ack_ok, nack_ok) is no hand-out.
    const request = s.message.inReplyTo ? messageById(run, s.message.inReplyTo) : undefined;
    if (request && taskIn(request) === id) continue;
    m.handoutCount += 1;
    const list = m.handouts.get(id) ?? [];
    list.push({ t: s.t, consumer: s.message.to, message: s.message });
    m.handouts.set(id, list);
  }
  for (const s of sends(run, { from: 'dlq', type: 'dead_letter_ok' })) {
    const request = s.message.inReplyTo ? messageById(run, s.message.inReplyTo) : undefined;
    const id = String((s.message.body as { task?: unknown }).task);
    if (request?.from === 'queue' && !m.parked.has(id)) m.parked.set(id, { t: s.t, request });
  }
  models.set(run.trace, m);
  return m;
}

/** The `receive` requests that reached the queue from consumers (a consumer asking for work). */
function receives(run: RunResult, m: Model) {
  return deliveries(run, { to: 'queue', type: 'receive', from: (id) => m.consumers.includes(id) });
}

/** "handed to consumer-1 at 3010 ms and consumer-3 at 4120 ms" */
function handedTo(m: Model, id: string): string {
  const h = m.handouts.get(id) ?? [];
  if (h.length === 0) return 'the queue never handed it to a consumer';
  return `the queue handed it to ${listOf(h.map((x) => `${x.consumer} at ${ms(x.t)}`))}`;
}

export default [
  invariant('every effect follows from a produced task the queue handed to that consumer', (run) => {
    const m = model(run);
    for (const [id, effects] of m.effects) {
      for (const e of effects) {
        const produced = m.produced.get(id);
        const asked = JSON.stringify((e.apply.body as { task?: unknown }).task);
        if (!produced || asked !== JSON.stringify(produced.task))
          return fail(
            `${e.consumer} applied ${id} at ${ms(e.t)} with ${asked}, which is not a task the producer produced ` +
              `(it sent ${JSON.stringify(produced?.task)}): apply the task as the queue handed it over.`,
            { at: e.t, nodes: [e.consumer, 'ledger'], messages: [e.apply.id] },
          );
        const got = receivedBefore(run, e.consumer, e.apply.sentAt, { from: 'queue' }).some(
          (d) => taskIn(d.message) === id,
        );
        if (!got)
          return fail(
            `${e.consumer} applied ${id} at ${ms(e.t)}, but the queue had never handed ${id} to it: a consumer ` +
              `works on the tasks it receives from the queue.`,
            { at: e.t, nodes: [e.consumer, 'ledger'], messages: [e.apply.id] },
          );
      }
    }
    return true;
  }),

  invariant('no task takes effect twice', (run) => {
    const m = model(run);
    for (const [id, effects] of m.effects) {
      if (effects.length < 2) continue;
      const [a, b] = effects as [Effect, Effect];
      const copies =
        a.apply.id === b.apply.id ? ' Both answer one apply message, which the network delivered twice.' : '';
      return fail(
        `${id} took effect ${plural(effects.length, 'time')}: the ledger applied it for ${a.consumer} at ` +
          `${ms(a.t)}, then for ${b.consumer} at ${ms(b.t)} (${handedTo(m, id)}).` +
          copies +
          faultsNear(run, a.t, 1500) +
          ` A task can come again (a slow consumer, a lost ack, a task the producer sent twice): give the ` +
          `ledger an idempotency key that is the same every time this task comes.`,
        { at: b.t, nodes: [a.consumer, b.consumer, 'ledger'], messages: [a.apply.id, b.apply.id] },
      );
    }
    return true;
  }),

  goal('the poison task ends in the dead-letter queue after a few deliveries', (run) => {
    const m = model(run);
    const id = m.poison;
    if (!id) return 'the producer produced no poison task (the lesson is broken: tell us).';
    const tries = m.handouts.get(id) ?? [];
    const parked = m.parked.get(id);
    if (!parked)
      return fail(
        `the poison task ${id} (amount "12,50 EUR") never reached the dead-letter queue: ` +
          `${handedTo(m, id)}. Count a task's deliveries and, after a few (say 5), send it to dlq ` +
          `(dead_letter) until it confirms; a consumer must not acknowledge a task the ledger refused.`,
        { at: tries.at(-1)?.t, nodes: ['queue', 'dlq'] },
      );
    const before = tries.filter((h) => h.t <= parked.request.sentAt).length;
    if (before < 2 || before > 8)
      return fail(
        `the queue dead-lettered ${id} after ${plural(before, 'delivery', 'deliveries')}: give a failing ` +
          `task 2 to 8 deliveries (one failure may be bad luck; many cost every consumer).`,
        { at: parked.t, nodes: ['queue', 'dlq'] },
      );
    return true;
  }),

  goal('every task but the poison takes effect', (run) => {
    const m = model(run);
    const missing = [...m.produced.keys()].filter((id) => id !== m.poison && !m.effects.has(id));
    if (missing.length === 0) return true;
    const first = missing[0]!;
    const last = m.handouts.get(first)?.at(-1);
    const down = last
      ? outages(run, last.consumer).find((o) => o.kind !== 'partition' && o.from >= last.t)
      : undefined;
    const lost =
      last && deliveriesOf(run, last.message.id).length === 0 ? ' That last hand-over was lost.' : '';
    const story = down
      ? ` ${last!.consumer} ${down.kind === 'crash' ? 'crashed' : 'was paused'} at ${ms(down.from)} while it held it.`
      : last
        ? faultsNear(run, last.t)
        : '';
    return fail(
      `${plural(missing.length, 'task')} never took effect: ${listOf(missing, 8)}. ${first}: ` +
        `${handedTo(m, first)}, and the ledger never applied it.${lost}${story} The queue must keep a task until a ` +
        `consumer acknowledges it, and hand it out again when no ack comes; ack only after the effect.`,
      { at: last?.t, nodes: last ? [last.consumer, 'queue'] : ['queue'] },
    );
  }),

  invariant('nothing but the poison task is dead-lettered', (run) => {
    const m = model(run);
    for (const [id, parked] of m.parked) {
      if (id === m.poison) continue;
      return fail(
        `the queue dead-lettered ${id} at ${ms(parked.request.sentAt)}, a healthy task (${handedTo(m, id)}): ` +
          `a task should reach the dead-letter queue only after several deliveries that all failed.`,
        { at: parked.request.sentAt, nodes: ['queue', 'dlq'] },
      );
    }
    return true;
  }),

  goal(
    `a task held by a consumer that went down is handed out again within ${REDELIVER_BOUND_MS} ms`,
    (run) => {
      const m = model(run);
      for (const [id, handouts] of m.handouts) {
        const effectAt = Math.min(...(m.effects.get(id) ?? []).map((e) => e.t));
        handouts.forEach((h, i) => {
          void i;
        });
        for (let i = 0; i < handouts.length; i++) {
          const h = handouts[i]!;
          const next = handouts[i + 1]?.t ?? Infinity;
          const acked = sends(run, { from: h.consumer, to: 'queue', after: h.t }).find(
            (s) => s.message.type !== 'receive' && taskIn(s.message) === id,
          );
          const done = Math.min(effectAt >= h.t ? effectAt : Infinity, acked?.t ?? Infinity);
          const down = outages(run, h.consumer).find(
            (o) => o.kind !== 'partition' && o.from >= h.t && o.from < done,
          );
          if (!down) continue;
          const bound = down.from + REDELIVER_BOUND_MS;
          const parked = m.parked.get(id);
          if (next <= bound || effectAt <= bound || bound > run.virtualMs) continue;
          if (parked && parked.request.sentAt <= bound) continue; // dead-lettered instead: the goal above judges
          // The queue hands out only what a consumer asks for: blame it once consumers asked and did not get it.
          const asked = receives(run, m).filter((r) => r.t > bound && r.t < Math.min(next, effectAt));
          if (asked.length < 3) continue;
          const verb = down.kind === 'crash' ? 'crashed' : 'was paused';
          return fail(
            `the queue handed ${id} to ${h.consumer} at ${ms(h.t)}; ${h.consumer} ${verb} at ${ms(down.from)}, ` +
              `and ${id} was ${next === Infinity ? 'never handed out again' : `handed out again only at ${ms(next)}`}, ` +
              `though consumers asked for work ${plural(asked.length, 'time')} from ${ms(bound)} on. ` +
              `A delivery nobody acknowledges should expire after about a second (a visibility timeout), ` +
              `and the task go back to the front of the queue.`,
            { at: bound, nodes: [h.consumer, 'queue'] },
          );
        }
      }
      return true;
    },
  ),

  budget(
    'deliveries per task',
    (run) => {
      const m = model(run);
      return {
        value: perOp(m.handoutCount, m.produced.size),
        detail: `(the queue handed out tasks ${m.handoutCount} times for ${m.produced.size} tasks)`,
      };
    },
    { unit: 'deliveries per task', atMost: 1.25, reference: 1.06, digits: 2 },
  ),
] satisfies Check[];
