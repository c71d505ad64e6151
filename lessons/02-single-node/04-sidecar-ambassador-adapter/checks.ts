import { eventsOf, goal, invariant } from '@playground/scenario';
import type { Check, Message, RunResult } from '@playground/scenario';

const SCRAPE_EVERY_MS = 1000;

function ms(t: number): string {
  return `${Math.round(t)} ms`;
}

function bodyOf(message: Message | undefined): Record<string, unknown> {
  const body = message?.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
}

interface Lookup {
  t: number;
  key: string;
  answer?: Message;
}

/** Every lookup the client sent, with the first answer it got. */
function lookups(run: RunResult): Lookup[] {
  const byId = new Map(eventsOf(run, 'send').map((e) => [e.message.id, e.message]));
  const answers = new Map<string, Message>();
  for (const d of eventsOf(run, 'deliver')) {
    const m = byId.get(d.messageId);
    if (d.node === 'client' && m?.inReplyTo !== undefined && !answers.has(m.inReplyTo))
      answers.set(m.inReplyTo, m);
  }
  return eventsOf(run, 'send')
    .filter((e) => e.node === 'client' && e.message.type === 'lookup')
    .map((e) => ({ t: e.t, key: String(bodyOf(e.message).key), answer: answers.get(e.message.id) }));
}

function downText(run: RunResult): string {
  const crashes = eventsOf(run, 'crash').filter((e) => e.node.startsWith('db'));
  return crashes
    .map((c) => {
      const back = eventsOf(run, 'restart').find((r) => r.node === c.node && r.t > c.t);
      return `${c.node} was down from ${ms(c.t)} to ${back ? ms(back.t) : 'the end'}`;
    })
    .join('; ');
}

export default [
  goal('every lookup is answered with data', (run) => {
    const all = lookups(run);
    const failed = all.filter((l) => l.answer?.type !== 'lookup_ok');
    if (failed.length === 0) return true;
    const from = failed[0]!.t;
    const to = failed[failed.length - 1]!.t;
    const reads = eventsOf(run, 'send').filter(
      (e) => e.node === 'ambassador' && e.message.type === 'read' && e.t >= from && e.t <= to + 1000,
    );
    const perReplica = run.nodes
      .filter((n) => n.role === 'db')
      .map((db) => `${reads.filter((r) => r.message.to === db.id).length} to ${db.id}`);
    return (
      `client got data for ${all.length - failed.length} of ${all.length} lookups; ${failed.length} failed ` +
      `between ${ms(from)} and ${ms(to)}. ${downText(run) || 'No database crashed'}. In that time the ` +
      `ambassador sent reads: ${perReplica.join(', ')}. When one replica does not answer, ask the other.`
    );
  }),

  invariant('answers come from the database', (run) => {
    for (const l of lookups(run)) {
      if (l.answer?.type !== 'lookup_ok') continue;
      const value = bodyOf(l.answer).value;
      if (value !== `record of ${l.key}`) {
        return `client asked for ${l.key} at ${ms(l.t)} and got ${JSON.stringify(value)}, not the database's "record of ${l.key}".`;
      }
    }
    return true;
  }),

  goal('the monitor sees the app through the adapter', (run) => {
    const byId = new Map(eventsOf(run, 'send').map((e) => [e.message.id, e.message]));
    const scrapes = eventsOf(run, 'deliver')
      .filter((d) => d.node === 'monitor' && d.type === 'scrape_ok')
      .map((d) => ({ t: d.t, body: bodyOf(byId.get(d.messageId)) }));
    const expected = Math.floor(run.virtualMs / SCRAPE_EVERY_MS) - 2;
    const good = scrapes.filter((s) => {
      const metrics = s.body.metrics;
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
    const badText = bad ? ` At ${ms(bad.t)} the adapter answered ${JSON.stringify(bad.body)}.` : '';
    return (
      `the monitor got ${good.length} scrapes with app_requests_total out of ${scrapes.length} answers ` +
      `(at least ${expected} expected, one a second).${badText} Answer { metrics: [{ name, value }] }.`
    );
  }),
] satisfies Check[];
