import {
  budget,
  deliveriesOf,
  fail,
  faultsNear,
  goal,
  invariant,
  listOf,
  ms,
  outages,
  percentile,
  perOp,
  plural,
  repliesTo,
  sends,
} from '@playground/scenario';
import type { Check, Message, RunResult, Send } from '@playground/scenario';

const DEPOSITS = 15;
/** The client gives up on a deposit this long after its first attempt (the lesson's stated deadline). */
const DEADLINE_MS = 8000;
/** A deposit may go unconfirmed only if the server was out of reach for this much of its deadline. */
const EXCUSED_MS = DEADLINE_MS - 2000;
/** Two attempts of one deposit closer than this are a retry storm. */
const MIN_SPACING_MS = 100;
/** Attempts of one deposit, on average: the reference's typical figure, and the limit. */
const SENDS_PER_DEPOSIT = { reference: 3.9, atMost: 6 };
/** Attempts of the deposit tried most (one caught by the long partition, in the reference). */
const MOST_ATTEMPTS = { reference: 10, atMost: 15 };

interface Deposit {
  n: number;
  attempts: Send[];
  first: number;
  /** The server's replies that applied it (changed the balance): one per effect. */
  effects: Message[];
  /** The first reply (to any attempt) that reached the client, and when. */
  confirmedAt?: number;
}

function bodyOf(m: Message): Record<string, unknown> {
  return (m.body ?? {}) as Record<string, unknown>;
}

/**
 * Every deposit the client asked for, by its number, with what came of it. Effects follow cause: the server
 * (not the learner's code) answers each deposit request it handles, saying whether it applied it.
 */
function deposits(run: RunResult): Map<number, Deposit> {
  const byN = new Map<number, Deposit>();
  for (const s of sends(run, { type: 'deposit', from: 'client', to: 'server' })) {
    const n = bodyOf(s.message).n;
    if (typeof n !== 'number') continue;
    let d = byN.get(n);
    if (!d) byN.set(n, (d = { n, attempts: [], first: s.t, effects: [] }));
    d.attempts.push(s);
    for (const reply of repliesTo(run, s.message.id)) {
      if (reply.from !== 'server') continue;
      if (bodyOf(reply).applied === true) d.effects.push(reply);
      for (const got of deliveriesOf(run, reply.id)) {
        if (got.node === 'client' && (d.confirmedAt === undefined || got.t < d.confirmedAt))
          d.confirmedAt = got.t;
      }
    }
  }
  return byN;
}

/** How long the server was out of the client's reach (down, paused, or cut off) during [from, to). */
function outOfReach(run: RunResult, from: number, to: number): number {
  const spans = [
    ...outages(run, 'server', ['crash', 'pause', 'stop']),
    ...outages(run, 'client', ['partition']).filter((o) => o.peer === 'server'),
  ]
    .map((o) => [Math.max(from, o.from), Math.min(to, o.to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reached = from;
  for (const [a, b] of spans) {
    const start = Math.max(a, reached);
    if (b > start) total += b - start;
    reached = Math.max(reached, b);
  }
  return total;
}

/** The waits between one deposit's attempts, in order. */
function gaps(d: Deposit): number[] {
  return d.attempts.slice(1).map((a, i) => a.t - d.attempts[i]!.t);
}

export default [
  invariant('every deposit takes effect at most once', (run) => {
    for (const d of deposits(run).values()) {
      if (d.effects.length <= 1) continue;
      const keys = d.attempts.map((a) => bodyOf(a.message).key);
      const why =
        keys[0] === undefined
          ? 'its attempts carried no idempotency key, so the server could not tell a retry from a new deposit'
          : new Set(keys).size > 1
            ? `its ${plural(d.attempts.length, 'attempt')} carried ${plural(new Set(keys).size, 'different key')}: make the key once per deposit, not per attempt`
            : 'the server saw its key only after the first effect';
      const [a, b] = d.effects;
      return fail(
        `deposit #${d.n} was applied ${d.effects.length} times (at ${ms(a!.sentAt)} and ${ms(b!.sentAt)}): ${why}.` +
          faultsNear(run, a!.sentAt, 3000),
        { at: b!.sentAt, nodes: ['client', 'server'], messages: d.effects.map((m) => m.id) },
      );
    }
    return true;
  }),

  goal('every deposit is confirmed, and took effect exactly once', (run) => {
    const all = deposits(run);
    for (let n = 1; n <= DEPOSITS; n++) {
      const d = all.get(n);
      if (!d) return `the client never sent deposit #${n}.`;
      if (d.confirmedAt !== undefined) {
        if (d.effects.length === 1) continue;
        // Confirmed by a replay of another deposit's key: this one never happened.
        const key = String(bodyOf(d.attempts[0]!.message).key);
        const sharers = [...all.values()].filter(
          (o) => o.n !== n && o.attempts.some((a) => bodyOf(a.message).key === key),
        );
        return fail(
          `deposit #${n} was confirmed at ${ms(d.confirmedAt)}, but the server never applied it: it answered with the ` +
            `stored result of key "${key}"${sharers.length ? `, which deposit #${sharers[0]!.n} used too` : ''}. ` +
            `Give every deposit a key of its own.`,
          { at: d.confirmedAt, nodes: ['client', 'server'], messages: [d.attempts[0]!.message.id] },
        );
      }
      const away = outOfReach(run, d.first, d.first + DEADLINE_MS);
      if (away >= EXCUSED_MS) continue;
      const last = d.attempts[d.attempts.length - 1]!;
      return fail(
        `deposit #${n} (first sent at ${ms(d.first)}) was never confirmed: ${plural(d.attempts.length, 'attempt')}, ` +
          `the last at ${ms(last.t)}, though the server was out of reach for only ${ms(away)} of its ` +
          `${DEADLINE_MS} ms deadline. Retry a timed-out deposit (same key) until the deadline.` +
          faultsNear(run, d.first, 3000),
        { at: last.t, nodes: ['client'], messages: [last.message.id] },
      );
    }
    return true;
  }),

  invariant(`the client gives up on a deposit ${DEADLINE_MS} ms after its first attempt`, (run) => {
    for (const d of deposits(run).values()) {
      const late = d.attempts.find((a) => a.t > d.first + DEADLINE_MS);
      if (!late) continue;
      return fail(
        `deposit #${d.n} was first sent at ${ms(d.first)} and sent again at ${ms(late.t)}, past its deadline at ` +
          `${ms(d.first + DEADLINE_MS)}. Stop retrying once the deadline (measured on node.monotonic()) has passed, ` +
          `and report the failure.`,
        { at: late.t, nodes: ['client'], messages: [late.message.id] },
      );
    }
    return true;
  }),

  invariant(`no retry storm: attempts of one deposit at least ${MIN_SPACING_MS} ms apart`, (run) => {
    for (const d of deposits(run).values()) {
      const i = gaps(d).findIndex((g) => g < MIN_SPACING_MS);
      if (i < 0) continue;
      const [a, b] = [d.attempts[i]!, d.attempts[i + 1]!];
      return fail(
        `deposit #${d.n} was sent at ${ms(a.t)} and again at ${ms(b.t)}, ${ms(b.t - a.t)} later ` +
          `(${plural(d.attempts.length, 'attempt')} in all). Wait for the timeout, then back off before retrying.`,
        { at: b.t, nodes: ['client'], messages: [a.message.id, b.message.id] },
      );
    }
    return true;
  }),

  invariant('retries back off: later waits are longer than the first', (run) => {
    // Over every deposit tried 4 times or more: the median wait before the 4th attempt against the median
    // wait before the 2nd. Fixed-interval retries give 1; exponential backoff gives 1.5 or more.
    const long = [...deposits(run).values()].filter((d) => d.attempts.length >= 4);
    if (long.length === 0) return true;
    const firstWait = percentile(
      long.map((d) => gaps(d)[0]!),
      50,
    );
    const thirdWait = percentile(
      long.map((d) => gaps(d)[2]!),
      50,
    );
    if (thirdWait >= 1.3 * firstWait) return true;
    const d = long[0]!;
    return fail(
      `over ${plural(long.length, 'deposit')} tried 4 times or more, the median wait before the 4th attempt was ` +
        `${ms(thirdWait)}, against ${ms(firstWait)} before the 2nd (deposit #${d.n}: waits of ` +
        `${listOf(gaps(d).map(ms), 6)}). Double the wait after each failed attempt (up to a cap).`,
      { at: d.attempts[3]!.t, nodes: ['client'] },
    );
  }),

  invariant('retries are jittered: deposits that fail together do not retry in lockstep', (run) => {
    // Retries of different deposits with the same attempt number, sent in the same millisecond: what a
    // backoff without randomness does to requests that timed out together.
    const retries = [...deposits(run).values()].flatMap((d) =>
      d.attempts.slice(1).map((a, i) => ({ n: d.n, attempt: i + 2, t: a.t })),
    );
    const twins = retries.filter((r) =>
      retries.some((o) => o.n !== r.n && o.attempt === r.attempt && Math.abs(o.t - r.t) < 1),
    );
    if (retries.length < 4 || twins.length <= retries.length / 2) return true;
    const r = twins[0]!;
    const with_ = twins
      .filter((o) => o.attempt === r.attempt && Math.abs(o.t - r.t) < 1)
      .map((o) => `#${o.n}`);
    return fail(
      `${twins.length} of ${retries.length} retries went out in the same millisecond as another deposit's ` +
        `(at ${ms(r.t)}, attempt ${r.attempt} of deposits ${listOf(with_)}). Add a random part to each wait ` +
        `(node.random()), so a recovering server is not hit by every retry at once.`,
      { at: r.t, nodes: ['client'] },
    );
  }),

  budget(
    'retries are bounded: attempts per deposit',
    (run) => {
      const count = sends(run, { type: 'deposit', from: 'client' }).length;
      return {
        value: perOp(count, DEPOSITS),
        detail: `(${count} deposit requests for ${DEPOSITS} deposits)`,
      };
    },
    { unit: 'attempts per deposit', ...SENDS_PER_DEPOSIT },
  ),

  budget(
    'retries are bounded: attempts for the deposit tried most',
    (run) => {
      const most = [...deposits(run).values()].reduce<Deposit | undefined>(
        (a, d) => (a && a.attempts.length >= d.attempts.length ? a : d),
        undefined,
      );
      if (!most) return NaN;
      return {
        value: most.attempts.length,
        detail: `(deposit #${most.n}, from ${ms(most.first)} to ${ms(most.attempts[most.attempts.length - 1]!.t)}; back off, and stop at the deadline)`,
        at: most.first,
        nodes: ['client'],
      };
    },
    { unit: 'attempts', digits: 0, ...MOST_ATTEMPTS },
  ),
] satisfies Check[];
