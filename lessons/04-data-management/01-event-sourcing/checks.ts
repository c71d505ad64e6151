import {
  budget,
  deliveries,
  eventsOf,
  exchanges,
  fail,
  faultsNear,
  goal,
  invariant,
  isDown,
  listOf,
  messageById,
  ms,
  outages,
  percentile,
  perOp,
  receivedBefore,
  sends,
} from '@playground/scenario';
import type { Check, Json, RunResult } from '@playground/scenario';

interface LoggedEvent {
  type: string;
  cmd?: string;
  account: string;
  amount: number;
}

const EVENT_OF: Record<string, string> = { deposit: 'deposited', withdraw: 'withdrew' };

function field(body: Json | undefined, name: string): Json | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body[name] : undefined;
}

/** The ledger's log as it stands: storage keys `event-*`, folded in key order. */
function fold(log: Map<string, Json>): Record<string, number> {
  const balances: Record<string, number> = {};
  for (const key of [...log.keys()].sort()) {
    const event = log.get(key) as unknown as LoggedEvent;
    const current = balances[event.account] ?? 0;
    balances[event.account] = event.type === 'withdrew' ? current - event.amount : current + event.amount;
  }
  return balances;
}

function lastRestartBefore(run: RunResult, t: number): string {
  const restart = eventsOf(run, 'restart')
    .filter((r) => r.node === 'ledger' && r.t <= t)
    .pop();
  return restart ? ` (the ledger restarted at ${ms(restart.t)})` : '';
}

/**
 * Walk the trace in order, keeping the ledger's log as it stood at each moment, and call `visit` on every
 * event before it changes the log: what a send saw is the log stored before it.
 */
function walk(
  run: RunResult,
  visit: (
    event: RunResult['trace'][number],
    log: Map<string, Json>,
  ) => string | ReturnType<typeof fail> | void,
) {
  const log = new Map<string, Json>();
  for (const event of run.trace) {
    const problem = visit(event, log);
    if (problem) return problem;
    if (event.kind === 'storage' && event.node === 'ledger' && event.key.startsWith('event-')) {
      if (event.value === undefined) log.delete(event.key);
      else log.set(event.key, event.value);
    }
  }
  return undefined;
}

/** The client's commands (deposit/withdraw) by id, with every attempt's request message. */
function commandsOf(run: RunResult) {
  const byCmd = new Map<string, { type: string; account: string; amount: number; attempts: string[] }>();
  for (const s of sends(run, { type: ['deposit', 'withdraw'], from: 'client' })) {
    const cmd = String(field(s.message.body, 'cmd'));
    const entry = byCmd.get(cmd) ?? {
      type: s.message.type,
      account: String(field(s.message.body, 'account')),
      amount: Number(field(s.message.body, 'amount')),
      attempts: [],
    };
    entry.attempts.push(s.message.id);
    byCmd.set(cmd, entry);
  }
  return byCmd;
}

export default [
  invariant('the log records each command the ledger was sent, once', (run) => {
    const commands = commandsOf(run);
    const seenCmd = new Map<string, string>();
    return (
      walk(run, (event, log) => {
        if (event.kind !== 'storage' || event.node !== 'ledger' || !event.key.startsWith('event-')) return;
        const where = { at: event.t, nodes: ['ledger'] };
        if (log.has(event.key))
          return fail(
            `at ${ms(event.t)}${lastRestartBefore(run, event.t)} the ledger overwrote ${event.key}: the log is ` +
              `append-only, so after a restart the next event goes after the last one (${log.size} events are in the log)`,
            where,
          );
        if (event.value === undefined)
          return fail(`at ${ms(event.t)} the ledger deleted ${event.key}: events are never removed`, where);
        const e = event.value as unknown as LoggedEvent;
        const cmd = String(e.cmd);
        const sentAs = commands.get(cmd);
        const arrived =
          sentAs &&
          receivedBefore(run, 'ledger', event.t, { type: sentAs.type, from: 'client' }).some(
            (d) => field(d.message.body, 'cmd') === cmd,
          );
        if (
          !sentAs ||
          !arrived ||
          EVENT_OF[sentAs.type] !== e.type ||
          sentAs.account !== e.account ||
          sentAs.amount !== e.amount
        )
          return fail(
            `at ${ms(event.t)} the ledger stored ${event.key} = ${JSON.stringify(event.value)}, which is not a ` +
              `command it had received${sentAs ? ` (${cmd} was: ${sentAs.type} ${sentAs.amount} to ${sentAs.account})` : ''}: ` +
              `record exactly the command, as { type: 'deposited' | 'withdrew', cmd, account, amount }`,
            where,
          );
        const first = seenCmd.get(cmd);
        if (first)
          return fail(
            `at ${ms(event.t)}${lastRestartBefore(run, event.t)} the ledger stored command ${cmd} a second time ` +
              `(${event.key}; it was already ${first}): the client sent it again because an answer was late or lost. ` +
              `A command already in the log is answered again, not recorded again, and the ledger must know that ` +
              `after a restart too: rebuild the set of recorded command ids from the log.`,
            { ...where, messages: sentAs.attempts },
          );
        seenCmd.set(cmd, event.key);
      }) ?? true
    );
  }),

  invariant('every answer equals the fold of the events stored before it', (run) => {
    let answers = 0;
    const problem = walk(run, (event, log) => {
      if (event.kind !== 'send' || event.node !== 'ledger' || !event.message.inReplyTo) return;
      const request = messageById(run, event.message.inReplyTo);
      if (!request || request.from !== 'client') return;
      const account = String(field(request.body, 'account'));
      const told = field(event.message.body, 'balance');
      const balances = fold(log);
      const expected = balances[account] ?? 0;
      answers += 1;
      const where = { at: event.t, nodes: ['ledger'], messages: [request.id, event.message.id] };
      const cmd = String(field(request.body, 'cmd'));
      const inLog = [...log.values()].some((e) => (e as unknown as LoggedEvent).cmd === cmd);
      const accepted = field(event.message.body, 'accepted');
      if (request.type !== 'balance') {
        if (accepted === true && !inLog)
          return fail(
            `at ${ms(event.t)} the ledger acknowledged ${cmd} (${request.type} ${String(field(request.body, 'amount'))} ` +
              `for ${account}) before any event for it was stored: record the event in node.storage first, then answer`,
            where,
          );
      }
      if (told !== expected)
        return fail(
          `at ${ms(event.t)}${lastRestartBefore(run, event.t)} the ledger told the client that ${account} has ` +
            `${String(told)}, but the ${log.size} events stored by then fold to ${expected}: the state is the fold of ` +
            `the log, so rebuild it from node.storage when the node starts`,
          where,
        );
      if (request.type === 'balance') return;
      if (accepted === false && (inLog || expected >= Number(field(request.body, 'amount'))))
        return fail(
          `at ${ms(event.t)} the ledger refused ${cmd} (${request.type} ${String(field(request.body, 'amount'))} ` +
            `from ${account}), but ${inLog ? 'it was already in the log' : `the log gives ${account} ${expected}`}`,
          where,
        );
    });
    if (problem) return problem;
    return answers > 0 ? true : 'the ledger answered no request';
  }),

  invariant('no account is ever overdrawn', (run) => {
    return (
      walk(run, (event, log) => {
        if (event.kind !== 'storage' || event.node !== 'ledger' || event.value === undefined) return;
        const e = event.value as unknown as LoggedEvent;
        if (e.type !== 'withdrew') return;
        const before = fold(log)[e.account] ?? 0;
        if (before < e.amount)
          return fail(
            `at ${ms(event.t)}${lastRestartBefore(run, event.t)} the ledger recorded a withdrawal of ${e.amount} ` +
              `from ${e.account}, whose events up to then give it ${before}: decide on the state the log folds to`,
            { at: event.t, nodes: ['ledger'] },
          );
      }) ?? true
    );
  }),

  goal('no acknowledged command is lost', (run) => {
    const ledger = run.nodes.find((n) => n.id === 'ledger');
    const logged = new Set(
      Object.entries(ledger?.storage ?? {})
        .filter(([key]) => key.startsWith('event-'))
        .map(([, event]) => String((event as unknown as LoggedEvent).cmd)),
    );
    const acked = deliveries(run, { type: ['deposit_ok', 'withdraw_ok'], to: 'client' })
      .filter((d) => field(d.message.body, 'accepted') === true)
      .map((d) => messageById(run, d.message.inReplyTo ?? ''))
      .map((r) => String(field(r?.body, 'cmd')));
    if (acked.length === 0) return 'the client got no acknowledged deposit or withdrawal';
    const missing = [...new Set(acked)].filter((cmd) => !logged.has(cmd));
    if (missing.length === 0) return true;
    return `the client got ${new Set(acked).size} deposits and withdrawals acknowledged, but ${missing.length} of them are not in the ledger's log at the end (${listOf(missing, 6)}): an acknowledged command is a promise`;
  }),

  goal('the ledger answers again after each restart', (run) => {
    for (const down of outages(run, 'ledger', ['crash', 'pause'])) {
      // A pause cut short by a crash ends in another outage: that one is judged on its own.
      if (down.to >= run.virtualMs - 1000 || isDown(run, 'ledger', down.to)) continue;
      const soon = sends(run, { from: 'ledger', to: 'client', after: down.to, before: down.to + 1000 });
      if (soon.length === 0)
        return fail(
          `the ledger ${down.kind === 'crash' ? 'restarted' : 'resumed'} at ${ms(down.to)} and answered nothing in the ` +
            `next second.${faultsNear(run, down.to)}`,
          { at: down.to, nodes: ['ledger'] },
        );
    }
    return true;
  }),

  budget(
    'p99 command latency',
    (run) => {
      const firstTry = new Map<string, number>();
      const done = new Map<string, number>();
      for (const x of exchanges(run, { type: ['deposit', 'withdraw'], from: 'client' })) {
        const cmd = String(field(x.request.body, 'cmd'));
        if (!firstTry.has(cmd)) firstTry.set(cmd, x.sentAt);
        if (x.answer && !done.has(cmd)) done.set(cmd, x.answer.t);
      }
      const waits = [...firstTry].map(([cmd, t]) => (done.get(cmd) ?? t + 3000) - t);
      return {
        value: percentile(waits, 99),
        detail: `over ${waits.length} commands, from the first try to the first answer, retries included (one never answered counts as 3000 ms)`,
      };
    },
    { unit: 'ms', atMost: 2600, reference: 1000, digits: 0 },
  ),

  budget(
    'events stored per accepted command',
    (run) => {
      const writes = eventsOf(run, 'storage').filter((s) => s.node === 'ledger').length;
      const accepted = new Set(
        sends(run, { type: ['deposit_ok', 'withdraw_ok'], from: 'ledger' })
          .filter((s) => field(s.message.body, 'accepted') === true)
          .map((s) => String(field(messageById(run, s.message.inReplyTo ?? '')?.body, 'cmd'))),
      ).size;
      return {
        value: perOp(writes, accepted),
        detail: `(${writes} storage writes for ${accepted} accepted commands)`,
        nodes: ['ledger'],
      };
    },
    { unit: 'storage writes per accepted command', atMost: 1.2, reference: 1, digits: 2 },
  ),
] satisfies Check[];
