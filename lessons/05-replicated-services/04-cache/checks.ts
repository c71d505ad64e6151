import {
  budget,
  deliveries,
  eventsOf,
  exchanges,
  fail,
  goal,
  invariant,
  ms,
  pct,
  perOp,
  sends,
} from '@playground/scenario';
import type { Check, RunResult } from '@playground/scenario';

/** The store's promise: no answer staler than this after its replica reply reached the cache. */
const TTL_MS = 500;
/** Reads the cache must answer with a value, with one replica down at a time. */
const ANSWERED_AT_LEAST = 0.98;

interface Read {
  /** The client's request. */
  requestId: string;
  client: string;
  key: string;
  /** The cache's answer: when it was sent, its type and body. */
  answer?: { t: number; type: string; key: unknown; value: unknown; version: unknown; messageId: string };
  /** Whether the client had an answer (of any type) before its 1 s timeout. */
  answered: boolean;
}

/** A replica's `read_ok` that reached the cache: the only source a cached value may have. */
interface Source {
  t: number;
  from: string;
  messageId: string;
}

interface Index {
  reads: Read[];
  /** `key|value|version` -> the replica replies that carried it to the cache, oldest first. */
  sources: Map<string, Source[]>;
}

const cache = new WeakMap<object, Index>();
const sourceKey = (key: unknown, value: unknown, version: unknown) => JSON.stringify([key, value, version]);

function indexOf(run: RunResult): Index {
  const hit = cache.get(run.trace);
  if (hit) return hit;
  const answers = new Map<string, NonNullable<Read['answer']>>();
  for (const s of sends(run, { from: 'cache', type: ['get_ok', 'get_error'] })) {
    const to = s.message.inReplyTo;
    if (to === undefined || answers.has(to)) continue;
    const body = (s.message.body ?? {}) as Record<string, unknown>;
    answers.set(to, {
      t: s.t,
      type: s.message.type,
      key: body.key,
      value: body.value,
      version: body.version,
      messageId: s.message.id,
    });
  }
  const reads: Read[] = exchanges(run, { type: 'get', to: 'cache' }).map((e) => {
    const read: Read = {
      requestId: e.request.id,
      client: e.request.from,
      key: String((e.request.body as { key?: unknown } | undefined)?.key),
      answered: e.answer !== undefined && (e.latency ?? Infinity) <= 1000,
    };
    const answer = answers.get(e.request.id);
    if (answer) read.answer = answer;
    return read;
  });
  const sources: Index['sources'] = new Map();
  for (const d of deliveries(run, { to: 'cache', type: 'read_ok' })) {
    if (!d.message.from.startsWith('replica')) continue;
    const body = (d.message.body ?? {}) as Record<string, unknown>;
    const k = sourceKey(body.key, body.value, body.version);
    const list = sources.get(k) ?? [];
    list.push({ t: d.t, from: d.message.from, messageId: d.message.id });
    sources.set(k, list);
  }
  const index = { reads, sources };
  cache.set(run.trace, index);
  return index;
}

/** The newest replica reply carrying this answer that reached the cache by `t` (the most charitable source). */
function sourceOf(index: Index, answer: NonNullable<Read['answer']>): Source | undefined {
  const list = index.sources.get(sourceKey(answer.key, answer.value, answer.version)) ?? [];
  let best: Source | undefined;
  for (const s of list) if (s.t <= answer.t) best = s;
  return best;
}

/** The cache's clock skews, for the reason: "the cache's clock was set back by 2140 ms at 3020 ms". */
function skewNote(run: RunResult, before: number): string {
  const skew = eventsOf(run, 'skew').find((e) => e.node === 'cache' && e.t <= before);
  if (!skew) return '';
  const way = skew.offsetMs >= 0 ? 'ahead' : 'back';
  return ` (the cache's wall clock was set ${way} by ${Math.abs(skew.offsetMs)} ms at ${ms(skew.t)})`;
}

/** The writer's newest write of `key` sent before `t`, for the reason. */
function newestWrite(run: RunResult, key: string, t: number): { t: number; version: number } | undefined {
  let found: { t: number; version: number } | undefined;
  for (const s of sends(run, { from: 'writer', type: 'write', before: t })) {
    const body = s.message.body as { key?: unknown; version?: unknown };
    if (body.key === key && typeof body.version === 'number' && (!found || body.version > found.version))
      found = { t: s.t, version: body.version };
  }
  return found;
}

export default [
  invariant('every value the cache answers is a replica’s answer for that key', (run) => {
    const index = indexOf(run);
    for (const read of index.reads) {
      const a = read.answer;
      if (!a || a.type !== 'get_ok') continue;
      if (a.key !== read.key || !sourceOf(index, a))
        return fail(
          `${read.client} asked for ${read.key} and the cache answered at ${ms(a.t)} with ` +
            `${JSON.stringify({ key: a.key, value: a.value, version: a.version })}, which no replica had sent it ` +
            `for that key. Answer a read with the key, value and version of a replica's read_ok, or with get_error.`,
          { at: a.t, nodes: [read.client, 'cache'], messages: [a.messageId] },
        );
    }
    return true;
  }),

  invariant(`no answer is older than its ${TTL_MS} ms TTL`, (run) => {
    const index = indexOf(run);
    for (const read of index.reads) {
      const a = read.answer;
      if (!a || a.type !== 'get_ok') continue;
      const source = sourceOf(index, a);
      if (!source) continue; // the invariant above says why
      const age = a.t - source.t;
      if (age <= TTL_MS) continue;
      const write = newestWrite(run, read.key, a.t);
      const newer =
        write && typeof a.version === 'number' && write.version > a.version
          ? ` The writer had written version ${write.version} of ${read.key} at ${ms(write.t)}.`
          : '';
      return fail(
        `at ${ms(a.t)} the cache answered ${read.client}'s read of ${read.key} with version ${String(a.version)}, ` +
          `which it had last had from ${source.from} at ${ms(source.t)}: ${Math.round(age)} ms old, past the ` +
          `${TTL_MS} ms TTL${skewNote(run, a.t)}.${newer} An entry is fresh for ${TTL_MS} ms after its reply ` +
          `arrived, measured on node.monotonic() (skew never moves it); after that, fetch the key again.`,
        { at: a.t, nodes: [read.client, 'cache', source.from], messages: [a.messageId, source.messageId] },
      );
    }
    return true;
  }),

  goal(`at least ${pct(ANSWERED_AT_LEAST)} of reads get a value while a replica is down`, (run) => {
    const { reads } = indexOf(run);
    const bad = reads.filter((r) => !r.answered || r.answer?.type !== 'get_ok');
    const ok = reads.length - bad.length;
    if (reads.length > 0 && ok / reads.length >= ANSWERED_AT_LEAST) return true;
    const first = bad[0];
    const errors = bad.filter((r) => r.answer?.type === 'get_error').length;
    return fail(
      `${ok} of ${reads.length} reads got a value (${pct(reads.length ? ok / reads.length : 0)}; at least ` +
        `${pct(ANSWERED_AT_LEAST)}): ${errors} got get_error and ${bad.length - errors} no answer in 1 s` +
        `${first?.answer ? `, the first at ${ms(first.answer.t)}` : ''}. One replica is always up: when one ` +
        `does not answer in time, ask the other, and never keep a failure in the cache as if it were a value.`,
      first?.answer ? { at: first.answer.t, nodes: ['cache'] } : { nodes: ['cache'] },
    );
  }),

  budget(
    'replica reads per client read',
    (run) => {
      const backend = sends(run, { from: 'cache', type: 'read' }).length;
      const { reads } = indexOf(run);
      return {
        value: perOp(backend, reads.length),
        detail: `(${backend} replica reads for ${reads.length} client reads: a hit rate of ${pct(Math.max(0, 1 - perOp(backend, reads.length)))})`,
      };
    },
    { unit: 'replica reads per client read', atMost: 0.12, reference: 0.06, digits: 2 },
  ),
] satisfies Check[];
