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
  /** When the adapter answered. */
  t: number;
  body: Record<string, unknown>;
  /** The app's stats line the adapter got for this scrape, if the app answered. */
  stats?: string;
}

/** Every answer the adapter gave a scrape, with the stats line it had just got from the app. */
function scrapes(run: RunResult): Scrape[] {
  const byId = new Map<string, Message>();
  const out: Scrape[] = [];
  let stats: string | undefined;
  for (const e of run.trace) {
    if (e.kind === 'send') {
      byId.set(e.message.id, e.message);
      const request = e.message.inReplyTo === undefined ? undefined : byId.get(e.message.inReplyTo);
      if (e.node === 'adapter' && request?.type === 'scrape')
        out.push({ t: e.t, body: bodyOf(e.message), stats });
    } else if (e.kind === 'deliver' && e.node === 'adapter') {
      if (e.type === 'scrape') stats = undefined;
      else if (e.type === 'stats_ok') stats = String(bodyOf(byId.get(e.messageId)).text);
    }
  }
  return out;
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
    const byId = new Map(eventsOf(run, 'send').map((e) => [e.message.id, e.message]));
    const answers = eventsOf(run, 'deliver')
      .filter((d) => d.node === 'monitor' && d.type === 'scrape_ok')
      .map((d) => ({ t: d.t, body: bodyOf(byId.get(d.messageId)) }));
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
    const problems = all.map((s) => {
      const said = s.stats === undefined ? 'the app did not answer' : `the app said "${s.stats}"`;
      const got = metricsOf(s.body);
      if (got === undefined) {
        return (
          `at ${ms(s.t)} ${said} and the adapter answered ${JSON.stringify(s.body)}, which has no ` +
          `metrics list. Translate the line into { metrics: [{ name, value }] }.`
        );
      }
      const wrong = [...expected(s.stats)]
        .filter(([name, value]) => got.get(name) !== value)
        .map(([name, value]) => {
          const has = got.has(name) ? `${name}=${JSON.stringify(got.get(name))}` : `no ${name}`;
          return `${has} (expected ${value}: ${HOW[name]})`;
        });
      return wrong.length === 0
        ? undefined
        : `at ${ms(s.t)} ${said} and the adapter reported ${wrong.join(', ')}.`;
    });
    const bad = problems.filter((p) => p !== undefined);
    if (bad.length > 0) return `${bad.length} of ${all.length} scrapes were wrong. The first: ${bad[0]}`;
    return true;
  }),
] satisfies Check[];
