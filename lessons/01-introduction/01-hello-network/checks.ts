import {
  budget,
  deliveries,
  drawnFaults,
  fail,
  goal,
  invariant,
  latencyStats,
  listOf,
  messageById,
  ms,
  outages,
  perOp,
  plural,
  sends,
} from '@playground/scenario';
import type { Check, Message, RunResult } from '@playground/scenario';

const NOTES = 30;
/** The reference solution's typical cost, and the most a reliable sender may spend (seed variance included). */
const SENDS_PER_NOTE = { reference: 3.3, atMost: 7 };
/** How long a note may wait for its note_ok, at the 90th percentile, beyond the receiver's outages. */
const P90_WAIT = { reference: 600, atMost: 1600 };

function seqOf(message: Message | undefined): number | undefined {
  const seq = (message?.body as { seq?: unknown } | undefined)?.seq;
  return typeof seq === 'number' ? seq : undefined;
}

function missing(seqs: Set<number>): number[] {
  return Array.from({ length: NOTES }, (_, i) => i + 1).filter((s) => !seqs.has(s));
}

/** When each note was acknowledged: the first note_ok the sender got that answers (inReplyTo) a note of that seq. */
function ackedAt(run: RunResult): Map<number, number> {
  const at = new Map<number, number>();
  for (const d of deliveries(run, { type: 'note_ok', to: 'sender', from: 'receiver' })) {
    const note = d.message.inReplyTo === undefined ? undefined : messageById(run, d.message.inReplyTo);
    const seq = note?.type === 'note' && note.from === 'sender' ? seqOf(note) : undefined;
    if (seq !== undefined && !at.has(seq)) at.set(seq, d.t);
  }
  return at;
}

/** This seed's faults, as the learner reads them: "receiver was paused at 1210 ms; ...". */
function faultsOfSeed(run: RunResult): string {
  const said = outages(run, 'receiver').map(
    (o) => `receiver was ${o.kind === 'pause' ? 'paused' : 'down'} from ${ms(o.from)} to ${ms(o.to)}`,
  );
  const slow = drawnFaults(run).find((f) => f.kind === 'link');
  if (slow) said.push(`the link was slowed to 400 ms at ${ms(slow.at)}`);
  return said.length ? ` This seed: ${listOf(said)}.` : '';
}

/** How many different notes reached `receiver` (it keeps each once, on disk). */
function notesKept(run: RunResult): number {
  const seqs = new Set<number>();
  for (const d of deliveries(run, { type: 'note', to: 'receiver', from: 'sender' })) {
    const seq = seqOf(d.message);
    if (seq !== undefined) seqs.add(seq);
  }
  return seqs.size;
}

/** The answers to lesson.md's predict questions, computed from the learner's run. */
export const predictions = { notesKept };

export default [
  goal('every note reached the receiver', (run) => {
    const got = new Set<number>();
    for (const d of deliveries(run, { type: 'note', to: 'receiver', from: 'sender' })) {
      const seq = seqOf(d.message);
      if (seq !== undefined) got.add(seq);
    }
    const gone = missing(got);
    if (gone.length === 0) return true;
    const noteSends = sends(run, { type: 'note', from: 'sender' });
    const firstGone = noteSends.find((s) => seqOf(s.message) === gone[0]);
    return fail(
      `receiver got ${got.size} of ${NOTES} notes; missing ${listOf(gone.map(String), 8)}. ` +
        `The sender sent ${plural(noteSends.length, 'note message')} in all.${faultsOfSeed(run)} ` +
        `Keep every note until its note_ok comes back, and send it again however long the receiver is away.`,
      firstGone ? { at: firstGone.t, nodes: ['sender', 'receiver'], messages: [firstGone.message.id] } : {},
    );
  }),

  goal('the sender saw every note acknowledged', (run) => {
    const gone = missing(new Set(ackedAt(run).keys()));
    if (gone.length === 0) return true;
    return `sender got a note_ok for ${NOTES - gone.length} of ${NOTES} notes; no acknowledgement for ${listOf(gone.map(String), 8)}.${faultsOfSeed(run)}`;
  }),

  invariant('the sender stops once a note is acknowledged', (run) => {
    // After the sender has received the first note_ok for a note, it must not send that note again:
    // retrying forever "just in case" floods the network.
    const acked = ackedAt(run);
    const late = sends(run, { type: 'note', from: 'sender' }).filter((s) => {
      const at = acked.get(seqOf(s.message) ?? NaN);
      return at !== undefined && s.t > at;
    });
    if (late.length === 0) return true;
    const first = late[0]!;
    const seq = seqOf(first.message)!;
    return fail(
      `note ${seq} was sent again at ${ms(first.t)}, after its note_ok arrived at ${ms(acked.get(seq)!)}; ` +
        `${plural(late.length, 'send')} of already acknowledged notes in all. Forget a note once it is acknowledged.`,
      { at: first.t, nodes: ['sender'], messages: [first.message.id] },
    );
  }),

  budget(
    'retries cost little: note messages per note',
    (run) => {
      const count = sends(run, { type: 'note', from: 'sender' }).length;
      return {
        value: perOp(count, NOTES),
        detail: `(${count} note messages for ${NOTES} notes; retry a note only after a round trip has passed, e.g. every 300 ms)`,
      };
    },
    { unit: 'sends per note', ...SENDS_PER_NOTE },
  ),

  budget(
    'notes are acknowledged promptly: p90 wait outside outages',
    (run) => {
      // A note's wait: from its first send to its first note_ok, minus the time the receiver was away in
      // between (no sender can beat an outage). A sender that retries rarely waits long after it ends.
      const acked = ackedAt(run);
      const away = outages(run, 'receiver');
      const firstSent = new Map<number, number>();
      for (const s of sends(run, { type: 'note', from: 'sender' })) {
        const seq = seqOf(s.message);
        if (seq !== undefined && !firstSent.has(seq)) firstSent.set(seq, s.t);
      }
      const waits: number[] = [];
      for (const [seq, from] of firstSent) {
        const to = acked.get(seq);
        if (to === undefined) continue;
        const excused = away.reduce(
          (sum, o) => sum + Math.max(0, Math.min(to, o.to) - Math.max(from, o.from)),
          0,
        );
        waits.push(to - from - excused);
      }
      return {
        value: latencyStats(waits).p90,
        detail: `(over ${plural(waits.length, 'acknowledged note')}; retry every few hundred ms, not every few seconds)`,
      };
    },
    { unit: 'ms', digits: 0, ...P90_WAIT },
  ),
] satisfies Check[];
