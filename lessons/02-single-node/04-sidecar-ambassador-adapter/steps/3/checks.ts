import { budget, deliveries, fail, goal, invariant, ms, perOp, sends } from '@playground/scenario';
import type { Check, Message, RunResult } from '@playground/scenario';

const SCRAPE_EVERY_MS = 1000;

function bodyOf(message: Message | undefined): Record<string, unknown> {
  const body = message?.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
}

/** The metrics of an answer as name -> value, or undefined when it has no `metrics` list. */
function metricsOf(body: Record<string, unknown>): Map<string, unknown> | undefined {
  if (!Array.isArray(body.metrics)) return undefined;
  const metrics = new Map<string, unknown>();
  for (const m of body.metrics as unknown[]) {
    const { name, value } = (m ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name === 'string') metrics.set(name, value);
  }
  return metrics;
}

interface Scrape {
  /** When the scrape reached the adapter, and when the adapter answered it. */
  arrived: number;
  t: number;
  reply: Message;
  body: Record<string, unknown>;
  /** Whether the adapter asked the app for stats after this scrape arrived, and waited before answering. */
  asked: boolean;
  /** The app's stats line the adapter got for this scrape (asked after the scrape arrived), if any. */
  stats?: string;
  /** The newest stats line the adapter had at all when it answered, and when it had asked for it. */
  older?: { text: string; askedAt: number };
}

/** Every answer the adapter gave a scrape, with the stats line it got from the app for that scrape. */
function scrapes(run: RunResult): Scrape[] {
  const scrapesIn = deliveries(run, { to: 'adapter', type: 'scrape' });
  const statsIn = deliveries(run, { to: 'adapter', from: 'app', type: 'stats_ok' });
  const asks = sends(run, { from: 'adapter', to: 'app', type: 'stats' });
  const askedAt = new Map(asks.map((a) => [a.message.id, a.t]));
  return sends(run, { from: 'adapter' }).flatMap((s) => {
    const scrape = scrapesIn.find((d) => d.message.id === s.message.inReplyTo);
    if (!scrape) return [];
    // Cause: the stats the adapter asked for after this scrape arrived, and had back before it answered.
    const fresh = statsIn.filter((d) => {
      const at = askedAt.get(d.message.inReplyTo ?? '');
      return d.t <= s.t && at !== undefined && at >= scrape.t;
    });
    const newest = statsIn.filter((d) => d.t <= s.t).pop();
    const out: Scrape = {
      arrived: scrape.t,
      t: s.t,
      reply: s.message,
      body: bodyOf(s.message),
      // "The app did not answer" needs a request the adapter waited on (its 300 ms timeout), not one sent
      // along with the answer.
      asked: asks.some((a) => a.t >= scrape.t && s.t - a.t >= 250),
    };
    const last = fresh[fresh.length - 1];
    if (last) out.stats = String(bodyOf(last.message).text);
    if (newest)
      out.older = {
        text: String(bodyOf(newest.message).text),
        askedAt: askedAt.get(newest.message.inReplyTo ?? '') ?? newest.t,
      };
    return [out];
  });
}

/** What the monitor should get for one stats line (or for no answer from the app). */
function expected(stats: string | undefined): Map<string, number> {
  if (stats === undefined) return new Map([['app_up', 0]]);
  const fields = new Map<string, number>();
  for (const pair of stats.split(' ')) {
    const [name, value] = pair.split('=');
    if (name && value) fields.set(name, Number(value));
  }
  const served = fields.get('served') ?? 0;
  const failed = fields.get('failed') ?? 0;
  return new Map([
    ['app_up', 1],
    ['app_requests_total', served + failed],
    ['app_errors_total', failed],
  ]);
}

const HOW: Record<string, string> = {
  app_up: '1 when the app answered',
  app_requests_total: 'served + failed',
  app_errors_total: 'failed',
};

export default [
  goal('the monitor gets metrics every second', (run) => {
    const answers = deliveries(run, { to: 'monitor', type: 'scrape_ok' }).map((d) => ({
      t: d.t,
      body: bodyOf(d.message),
    }));
    const good = answers.filter((a) => metricsOf(a.body) !== undefined);
    const wanted = Math.floor(run.virtualMs / SCRAPE_EVERY_MS) - 2;
    if (good.length >= wanted) return true;
    const bad = answers.find((a) => metricsOf(a.body) === undefined);
    const badText = bad ? ` At ${ms(bad.t)} it got ${JSON.stringify(bad.body)}.` : '';
    return (
      `the monitor got ${answers.length} answers to its scrapes, ${good.length} of them with a metrics ` +
      `list (at least ${wanted} expected, one a second).${badText} The monitor reads only ` +
      `{ metrics: [{ name, value }] }.`
    );
  }),

  invariant("every scrape reports the app's numbers", (run) => {
    const all = scrapes(run);
    for (const s of all) {
      const where = { at: s.t, nodes: ['adapter', 'monitor'], messages: [s.reply.id] };
      const got = metricsOf(s.body);
      if (s.stats === undefined && !s.asked) {
        const had = s.older
          ? ` It answered with what it had asked the app at ${ms(s.older.askedAt)}, before this scrape came.`
          : '';
        return fail(
          `at ${ms(s.t)} the adapter answered the monitor's scrape (it arrived at ${ms(s.arrived)}) without ` +
            `the app's answer to a stats request sent after it came.${had} Ask the app on each scrape, and answer with ` +
            `what it says then.`,
          where,
        );
      }
      const said = s.stats === undefined ? 'the app did not answer' : `the app said "${s.stats}"`;
      if (got === undefined) {
        return fail(
          `at ${ms(s.t)} ${said} and the adapter answered ${JSON.stringify(s.body)}, which has no ` +
            `metrics list. Translate the line into { metrics: [{ name, value }] }.`,
          where,
        );
      }
      const wrong = [...expected(s.stats)]
        .filter(([name, value]) => got.get(name) !== value)
        .map(([name, value]) => {
          const has = got.has(name) ? `${name}=${JSON.stringify(got.get(name))}` : `no ${name}`;
          return `${has} (expected ${value}: ${HOW[name]})`;
        });
      if (wrong.length > 0)
        return fail(`at ${ms(s.t)} ${said} and the adapter reported ${wrong.join(', ')}.`, where);
    }
    return true;
  }),

  budget(
    'one stats request per scrape',
    (run) => {
      const asks = sends(run, { from: 'adapter', to: 'app', type: 'stats' }).length;
      const scrapesIn = deliveries(run, { to: 'adapter', type: 'scrape' }).length;
      return {
        value: perOp(asks, scrapesIn),
        detail: `(${asks} stats requests to the app for ${scrapesIn} scrapes)`,
      };
    },
    { unit: 'stats requests per scrape', atMost: 1.5, reference: 1, digits: 1 },
  ),
] satisfies Check[];
