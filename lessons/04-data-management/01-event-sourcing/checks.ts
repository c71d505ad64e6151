import { eventsOf, goal, invariant, sent } from '@playground/scenario';
import type { Check, Json, RunResult } from '@playground/scenario';

interface LoggedEvent {
  type: string;
  cmd?: string;
  account: string;
  amount: number;
}

/** The ledger's log at some moment: storage keys `event-*`, folded in key order. */
function fold(log: Map<string, Json>): Record<string, number> {
  const balances: Record<string, number> = {};
  for (const key of [...log.keys()].sort()) {
    const event = log.get(key) as unknown as LoggedEvent;
    const current = balances[event.account] ?? 0;
    balances[event.account] = event.type === 'withdrew' ? current - event.amount : current + event.amount;
  }
  return balances;
}

function sameBalances(a: Record<string, number>, b: Record<string, number>): boolean {
  const accounts = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...accounts].every((acc) => (a[acc] ?? 0) === (b[acc] ?? 0));
}

function show(balances: Record<string, number>): string {
  const entries = Object.entries(balances).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '{}' : `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
}

function lastRestartBefore(run: RunResult, t: number): string {
  const restart = eventsOf(run, 'restart')
    .filter((r) => r.node === 'ledger' && r.t <= t)
    .pop();
  return restart ? ` (the ledger restarted at ${Math.round(restart.t)} ms)` : '';
}

/**
 * Walk the trace in order, keeping the ledger's log as it stood at each moment, and call `visit` on every
 * event after the log has been brought up to date.
 */
function walk(
  run: RunResult,
  visit: (event: RunResult['trace'][number], log: Map<string, Json>) => string | void,
) {
  const log = new Map<string, Json>();
  for (const event of run.trace) {
    if (event.kind === 'storage' && event.node === 'ledger' && event.key.startsWith('event-')) {
      if (event.value === undefined) log.delete(event.key);
      else log.set(event.key, event.value);
    }
    const problem = visit(event, log);
    if (problem) return problem;
  }
  return undefined;
}

export default [
  goal('no acknowledged command is lost', (run) => {
    const byId = new Map(sent(run).map((m) => [m.id, m]));
    const acknowledged: string[] = [];
    for (const d of eventsOf(run, 'deliver')) {
      if (d.node !== 'client' || (d.type !== 'deposit_ok' && d.type !== 'withdraw_ok')) continue;
      const reply = byId.get(d.messageId);
      const request = reply?.inReplyTo ? byId.get(reply.inReplyTo) : undefined;
      const cmd = (request?.body as { cmd?: string } | undefined)?.cmd;
      if (cmd && (reply?.body as { accepted?: boolean }).accepted && !acknowledged.includes(cmd))
        acknowledged.push(cmd);
    }
    if (acknowledged.length === 0) return 'the client got no acknowledged deposit or withdrawal';
    const ledger = run.nodes.find((n) => n.id === 'ledger');
    const logged = new Set(
      Object.entries(ledger?.storage ?? {})
        .filter(([key]) => key.startsWith('event-'))
        .map(([, event]) => (event as unknown as LoggedEvent).cmd),
    );
    const missing = acknowledged.filter((cmd) => !logged.has(cmd));
    if (missing.length === 0) return true;
    const seen = new Set<string>();
    const overwritten: string[] = [];
    for (const s of eventsOf(run, 'storage')) {
      if (s.node !== 'ledger' || !s.key.startsWith('event-')) continue;
      if (seen.has(s.key)) overwritten.push(`${s.key} at ${Math.round(s.t)} ms`);
      seen.add(s.key);
    }
    const why =
      overwritten.length > 0
        ? ` The ledger overwrote ${overwritten.length} log entries (${overwritten.slice(0, 3).join(', ')}${overwritten.length > 3 ? ', …' : ''}): an append-only log never overwrites; after a restart, continue numbering after the last event.`
        : '';
    return (
      `the client got ${acknowledged.length} acknowledged deposits and withdrawals, but ${missing.length} of them ` +
      `are not in the ledger's log at the end (${missing.slice(0, 6).join(', ')}${missing.length > 6 ? ', …' : ''}); ` +
      `the log holds ${logged.size} events.${why}`
    );
  }),

  invariant("the ledger's state is always the fold of its log", (run) => {
    const written = new Map<string, Json | undefined>();
    const problem = walk(run, (event, log) => {
      if (event.kind === 'storage' && event.node === 'ledger' && event.key.startsWith('event-')) {
        if (
          written.has(event.key) &&
          JSON.stringify(written.get(event.key)) !== JSON.stringify(event.value)
        ) {
          return (
            `at ${Math.round(event.t)} ms${lastRestartBefore(run, event.t)} the ledger overwrote ${event.key}: ` +
            `the log is append-only, so the next event goes after the last one (${log.size} events are in the log)`
          );
        }
        written.set(event.key, event.value);
      }
      if (event.kind !== 'state' || event.node !== 'ledger') return;
      const balances = ((event.state as { balances?: Record<string, number> } | null)?.balances ??
        {}) as Record<string, number>;
      const expected = fold(log);
      if (!sameBalances(balances, expected)) {
        return (
          `at ${Math.round(event.t)} ms${lastRestartBefore(run, event.t)} the ledger's state.balances was ${show(balances)}, ` +
          `but its log of ${log.size} events folds to ${show(expected)}: rebuild the state from the log when the node starts`
        );
      }
    });
    return problem ?? true;
  }),

  invariant('every answer shows the balance the log implies', (run) => {
    const byId = new Map(sent(run).map((m) => [m.id, m]));
    let answers = 0;
    const problem = walk(run, (event, log) => {
      if (event.kind !== 'send' || event.node !== 'ledger' || !event.message.inReplyTo) return;
      const request = byId.get(event.message.inReplyTo);
      const account = (request?.body as { account?: string } | undefined)?.account;
      const balance = (event.message.body as { balance?: number }).balance;
      if (account === undefined || balance === undefined) return;
      answers += 1;
      const expected = fold(log)[account] ?? 0;
      if (balance !== expected) {
        return (
          `at ${Math.round(event.t)} ms${lastRestartBefore(run, event.t)} the ledger told ${event.message.to} that ${account} has ` +
          `${balance}, but its log of ${log.size} events says ${expected}`
        );
      }
    });
    if (problem) return problem;
    return answers > 0 ? true : 'the ledger answered no request with a balance';
  }),
] satisfies Check[];
