import {
  budget,
  deliveries,
  exchanges,
  fail,
  goal,
  invariant,
  listOf,
  ms,
  outages,
  perOp,
  receivedBefore,
  sends,
} from '@playground/scenario';
import type { Check, Message, RunResult } from '@playground/scenario';

const SCRAPE_EVERY_MS = 1000;
/** How long the ambassador waits for a replica. */
const READ_TIMEOUT_MS = 250;

function bodyOf(message: Message | undefined): Record<string, unknown> {
  const body = message?.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
}

/** Every lookup the client sent, with the first answer it got. */
function lookups(run: RunResult) {
  return exchanges(run, { type: 'lookup', from: 'client' }).map((x) => ({
    ...x,
    key: String(bodyOf(x.request).key),
  }));
}

/** "db-2 was down 2300-5100 ms; db-1 stalled 8400-9200 ms; the link from db-1 was slow 600-1400 ms". */
function faultStory(run: RunResult): string {
  const said = outages(run)
    .filter((o) => o.node.startsWith('db'))
    .map((o) => `${o.node} was ${o.kind === 'pause' ? 'stalled' : 'down'} ${Math.round(o.from)}-${ms(o.to)}`);
  return said.length ? `${listOf(said)}.` : 'No database failed.';
}

export default [
  goal('every lookup is answered with data', (run) => {
    const all = lookups(run).filter((l) => l.sentAt < run.virtualMs - 1500);
    const failed = all.filter((l) => l.answer?.message.type !== 'lookup_ok');
    if (failed.length === 0) return true;
    const first = failed[0]!;
    const reads = sends(run, {
      from: 'ambassador',
      type: 'read',
      after: first.sentAt,
      before: first.sentAt + 1000,
    });
    const perReplica = run.nodes
      .filter((n) => n.role === 'db')
      .map((db) => `${reads.filter((r) => r.message.to === db.id).length} to ${db.id}`);
    return fail(
      `client got data for ${all.length - failed.length} of ${all.length} lookups; the first that failed ` +
        `was ${first.key} at ${ms(first.sentAt)} (${first.answer ? first.answer.message.type : 'no answer'}). ` +
        `${faultStory(run)} In the second after it the ambassador sent reads ${perReplica.join(', ')}. ` +
        `When one replica does not answer within 250 ms, ask the other before the app gives up (1000 ms).`,
      { at: first.sentAt, nodes: ['client', 'ambassador'], messages: [first.request.id] },
    );
  }),

  invariant('each answer is the record a replica sent for that key', (run) => {
    for (const l of lookups(run)) {
      const answer = l.answer;
      if (answer?.message.type !== 'lookup_ok') continue;
      const value = bodyOf(answer.message).value;
      // Cause: a replica's read_ok for this key, with this value, that the ambassador had received by then.
      const read = receivedBefore(run, 'ambassador', answer.t, { type: 'read_ok' }).find(
        (d) =>
          d.message.from.startsWith('db') &&
          bodyOf(d.message).key === l.key &&
          bodyOf(d.message).value === value,
      );
      if (read) continue;
      const asked = sends(run, {
        from: 'ambassador',
        type: 'read',
        after: l.sentAt,
        before: answer.t,
      }).filter((s) => bodyOf(s.message).key === l.key);
      return fail(
        `client asked for ${l.key} at ${ms(l.sentAt)} and got ${JSON.stringify(value)} at ${ms(answer.t)}, but no ` +
          `replica had sent the ambassador that record (it asked ${asked.length ? listOf(asked.map((s) => s.message.to)) : 'no replica'} for it). ` +
          `Answer with the value a replica returned; never make one up.`,
        { at: answer.t, nodes: ['client', 'ambassador'], messages: [l.request.id, answer.message.id] },
      );
    }
    return true;
  }),

  goal('the monitor sees the app through the adapter', (run) => {
    const scrapes = deliveries(run, { to: 'monitor', type: 'scrape_ok' });
    const expected = Math.floor(run.virtualMs / SCRAPE_EVERY_MS) - 2;
    const good = scrapes.filter((s) => {
      const metrics = bodyOf(s.message).metrics;
      return (
        Array.isArray(metrics) &&
        metrics.some((m: unknown) => {
          const { name, value } = (m ?? {}) as { name?: unknown; value?: unknown };
          return name === 'app_requests_total' && typeof value === 'number';
        })
      );
    });
    if (good.length >= expected) return true;
    const bad = scrapes.find((s) => !good.includes(s));
    const badText = bad ? ` At ${ms(bad.t)} the adapter answered ${JSON.stringify(bad.message.body)}.` : '';
    return (
      `the monitor got ${good.length} scrapes with app_requests_total out of ${scrapes.length} answers ` +
      `(at least ${expected} expected, one a second).${badText} Answer { metrics: [{ name, value }] }.`
    );
  }),

  budget(
    'one read per lookup',
    (run) => {
      const reads = sends(run, { from: 'ambassador', type: 'read' }).length;
      const queries = deliveries(run, { to: 'ambassador', type: 'query' }).length;
      return { value: perOp(reads, queries), detail: `(${reads} reads for ${queries} queries from the app)` };
    },
    { unit: 'reads per query', atMost: 1.3, reference: 1.05, digits: 2 },
  ),
  budget(
    'a dead replica costs few timeouts',
    (run) => {
      // Reads the ambassador sent that had no answer back within its 250 ms: each one kept a lookup waiting.
      const reads = exchanges(run, { from: 'ambassador', type: 'read' });
      const missed = reads.filter((r) => r.latency === undefined || r.latency > READ_TIMEOUT_MS);
      const lookupsSeen = lookups(run).length;
      const first = missed[0];
      return {
        value: missed.length,
        detail:
          `(${missed.length} of ${reads.length} reads, for ${lookupsSeen} lookups, went unanswered for ` +
          `${ms(READ_TIMEOUT_MS)}${first ? `; the first to ${first.request.to} at ${ms(first.sentAt)}` : ''}). ${faultStory(run)} ` +
          `Ask the replica that answered last first`,
        ...(first ? { at: first.sentAt, nodes: ['ambassador', first.request.to] } : {}),
      };
    },
    { unit: 'reads that waited out a timeout', atMost: 8, reference: 2, digits: 0 },
  ),
] satisfies Check[];
