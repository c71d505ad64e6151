import { eventsOf, goal, invariant, sent } from '@playground/scenario';
import type { Check, RunResult } from '@playground/scenario';

/** Every answer must reflect all events older than this much time with the reader up and connected. */
const STALENESS_MS = 2000;
const OPTIONS = ['cats', 'dogs', 'birds'];

interface VoteEvent {
  seq: number;
  voter: string;
  option: string;
  previous: string | null;
}

/** The writer's committed events, by sequence number, with the time each was written to its log. */
function committed(run: RunResult): { events: VoteEvent[]; at: number[] } {
  const events: VoteEvent[] = [];
  const at: number[] = [];
  for (const s of eventsOf(run, 'storage')) {
    if (s.node !== 'writer' || !s.key.startsWith('event-') || s.value === undefined) continue;
    const event = s.value as unknown as VoteEvent;
    if (events[event.seq - 1] === undefined) {
      events[event.seq - 1] = event;
      at[event.seq - 1] = s.t;
    }
  }
  return { events, at };
}

function tallyOf(events: VoteEvent[], upTo: number): Record<string, number> {
  const tally: Record<string, number> = Object.fromEntries(OPTIONS.map((o) => [o, 0]));
  for (const event of events.slice(0, upTo)) {
    tally[event.option] = (tally[event.option] ?? 0) + 1;
    if (event.previous !== null) tally[event.previous] = (tally[event.previous] ?? 0) - 1;
  }
  return tally;
}

function sameTally(a: Record<string, number>, b: Record<string, number>): boolean {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

function show(tally: Record<string, number>): string {
  return Object.entries(tally)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** Intervals when the reader could not hear from the writer: partitions between them, and reader downtime. */
function outages(run: RunResult): { from: number; to: number; why: string }[] {
  const result: { from: number; to: number; why: string }[] = [];
  const between = (a: string, b: string) =>
    (a === 'writer' && b === 'reader') || (a === 'reader' && b === 'writer');
  let cutAt: number | undefined;
  let downAt: number | undefined;
  for (const e of run.trace) {
    if (e.kind === 'partition' && between(e.from, e.to) && cutAt === undefined) cutAt = e.t;
    if (e.kind === 'heal' && between(e.from, e.to) && cutAt !== undefined) {
      result.push({ from: cutAt, to: e.t, why: 'partition' });
      cutAt = undefined;
    }
    if (e.kind === 'crash' && e.node === 'reader') downAt = e.t;
    if (e.kind === 'restart' && e.node === 'reader' && downAt !== undefined) {
      result.push({ from: downAt, to: e.t, why: 'crash' });
      downAt = undefined;
    }
  }
  if (cutAt !== undefined) result.push({ from: cutAt, to: run.virtualMs, why: 'partition' });
  if (downAt !== undefined) result.push({ from: downAt, to: run.virtualMs, why: 'crash' });
  return result;
}

/** Time in [from, to] when the reader was up and connected to the writer. */
function connectedTime(from: number, to: number, gaps: { from: number; to: number }[]): number {
  // Merge overlapping gaps so no time is subtracted twice.
  const clipped = gaps
    .map((g) => ({ from: Math.max(g.from, from), to: Math.min(g.to, to) }))
    .filter((g) => g.to > g.from)
    .sort((a, b) => a.from - b.from);
  let lost = 0;
  let reach = from;
  for (const g of clipped) {
    const start = Math.max(g.from, reach);
    if (g.to > start) lost += g.to - start;
    reach = Math.max(reach, g.to);
  }
  return to - from - lost;
}

/** The reader's answers to `results`, with when they were sent. */
function answers(run: RunResult): { t: number; asOf: number; tally: Record<string, number> }[] {
  return sent(run, 'results_ok', 'reader').map((m) => {
    const body = m.body as { asOf?: number; tally?: Record<string, number> };
    return { t: m.sentAt, asOf: body.asOf ?? 0, tally: body.tally ?? {} };
  });
}

export default [
  invariant('every answer is exactly the events 1..asOf', (run) => {
    const { events } = committed(run);
    for (const a of answers(run)) {
      if (!Number.isInteger(a.asOf) || a.asOf < 0 || a.asOf > events.length) {
        return `at ${Math.round(a.t)} ms the reader answered as of event ${a.asOf}, but the writer had ${events.length} events in all`;
      }
      const expected = tallyOf(events, a.asOf);
      if (!sameTally(a.tally, expected)) {
        return (
          `at ${Math.round(a.t)} ms the reader answered {${show(a.tally)}} as of event ${a.asOf}, but events 1..${a.asOf} ` +
          `give {${show(expected)}}: some events were lost, applied twice or applied out of order`
        );
      }
    }
    return true;
  }),

  invariant(`answers are at most ${STALENESS_MS} ms stale`, (run) => {
    const { at } = committed(run);
    const gaps = outages(run);
    const restarts = eventsOf(run, 'restart').filter((r) => r.node === 'reader');
    for (const a of answers(run)) {
      const restartedAt = restarts.filter((r) => r.t <= a.t).pop()?.t ?? 0;
      let required = 0;
      for (let seq = 1; seq <= at.length; seq++) {
        const since = Math.max(at[seq - 1] ?? Infinity, restartedAt);
        if (connectedTime(since, a.t, gaps) >= STALENESS_MS) required = seq;
      }
      if (a.asOf < required) {
        const missed = a.asOf + 1;
        return (
          `at ${Math.round(a.t)} ms the reader answered as of event ${a.asOf}, but event ${missed} was committed at ` +
          `${Math.round(at[missed - 1] ?? 0)} ms and the reader had been up and connected to the writer for over ${STALENESS_MS} ms ` +
          `since then (events up to ${required} were due): lost events must be fetched again`
        );
      }
    }
    return true;
  }),

  goal('the read model converges to the write model', (run) => {
    const { events } = committed(run);
    const reader = run.nodes.find((n) => n.id === 'reader');
    if (!reader?.alive) return 'the reader is not running at the end of the run';
    const asOf = (reader.state.asOf as number | undefined) ?? 0;
    const tally = (reader.state.tally as Record<string, number> | undefined) ?? {};
    const expected = tallyOf(events, events.length);
    if (asOf === events.length && sameTally(tally, expected)) return true;
    return (
      `at the end the reader shows {${show(tally)}} as of event ${asOf}; the writer's ${events.length} events ` +
      `give {${show(expected)}}`
    );
  }),
] satisfies Check[];
