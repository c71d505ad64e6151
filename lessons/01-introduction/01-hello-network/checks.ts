import { eventsOf, goal, invariant } from '@playground/scenario';
import type { Check, Message, RunResult } from '@playground/scenario';

const NOTES = 30;

/** A virtual time as a learner reads it: whole milliseconds. */
function ms(t: number): string {
  return `${Math.round(t)} ms`;
}

/** Every message sent in the run, by id, so a delivery can be read back as the message it carried. */
function messagesById(run: RunResult): Map<string, Message> {
  return new Map(eventsOf(run, 'send').map((e) => [e.message.id, e.message]));
}

/** The `seq` numbers of the messages of one type that reached one node (each counted once). */
function seqsDelivered(run: RunResult, type: string, to: string): Set<number> {
  const byId = messagesById(run);
  const seqs = new Set<number>();
  for (const d of eventsOf(run, 'deliver')) {
    if (d.type !== type || d.node !== to) continue;
    const seq = (byId.get(d.messageId)?.body as { seq?: unknown } | undefined)?.seq;
    if (typeof seq === 'number') seqs.add(seq);
  }
  return seqs;
}

function missing(seqs: Set<number>): number[] {
  return Array.from({ length: NOTES }, (_, i) => i + 1).filter((s) => !seqs.has(s));
}

function list(seqs: number[]): string {
  return seqs.length <= 8 ? seqs.join(', ') : `${seqs.slice(0, 8).join(', ')} and ${seqs.length - 8} more`;
}

/** Why notes went missing: how many copies the wire lost and how many hit the crashed receiver. */
function dropsSummary(run: RunResult): string {
  const drops = eventsOf(run, 'drop').filter((d) => d.type === 'note');
  const lost = drops.filter((d) => d.reason === 'loss').length;
  const crashed = drops.filter((d) => d.reason === 'crashed').length;
  const notesSent = eventsOf(run, 'send').filter((e) => e.message.type === 'note').length;
  const crash = eventsOf(run, 'crash').find((e) => e.node === 'receiver');
  const restart = eventsOf(run, 'restart').find((e) => e.node === 'receiver');
  const window = crash
    ? ` while the receiver was down (${Math.round(crash.t)}-${ms(restart?.t ?? run.virtualMs)})`
    : '';
  return (
    `The sender sent ${notesSent} note messages for ${NOTES} notes; ` +
    `${lost} were lost on the wire and ${crashed} arrived${window}.`
  );
}

export default [
  goal('every note reached the receiver', (run) => {
    const gone = missing(seqsDelivered(run, 'note', 'receiver'));
    if (gone.length === 0) return true;
    return (
      `receiver got ${NOTES - gone.length} of ${NOTES} notes; missing ${list(gone)}. ${dropsSummary(run)} ` +
      `Send each note again until its note_ok comes back.`
    );
  }),

  goal('the sender saw every note acknowledged', (run) => {
    const gone = missing(seqsDelivered(run, 'note_ok', 'sender'));
    if (gone.length === 0) return true;
    return `sender got a note_ok for ${NOTES - gone.length} of ${NOTES} notes; no acknowledgement for ${list(gone)}.`;
  }),

  invariant('the sender stops once a note is acknowledged', (run) => {
    // Walk the trace in order: after the sender has handled the first note_ok for a note, it must not
    // send that note again. Retrying forever "just in case" floods the network.
    const byId = new Map<string, Message>();
    const ackedAt = new Map<number, number>();
    const extra = new Map<number, number>();
    let first: string | null = null;
    for (const e of run.trace) {
      if (e.kind === 'send') {
        byId.set(e.message.id, e.message);
        if (e.node !== 'sender' || e.message.type !== 'note') continue;
        const seq = (e.message.body as { seq?: unknown }).seq;
        if (typeof seq !== 'number' || !ackedAt.has(seq)) continue;
        extra.set(seq, (extra.get(seq) ?? 0) + 1);
        first ??= `note ${seq} was sent again at ${ms(e.t)}, after its note_ok arrived at ${ms(ackedAt.get(seq) ?? 0)}`;
      } else if (e.kind === 'deliver' && e.node === 'sender' && e.type === 'note_ok') {
        const seq = (byId.get(e.messageId)?.body as { seq?: unknown } | undefined)?.seq;
        if (typeof seq === 'number' && !ackedAt.has(seq)) ackedAt.set(seq, e.t);
      }
    }
    if (first === null) return true;
    const total = [...extra.values()].reduce((a, b) => a + b, 0);
    return `${first}; ${total} sends of ${extra.size} already acknowledged notes in all.`;
  }),
] satisfies Check[];
