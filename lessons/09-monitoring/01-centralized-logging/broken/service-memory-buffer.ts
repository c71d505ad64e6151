/** Bug: the buffer of unacknowledged lines lives in memory: a crash loses what the collector has not acked yet. */
import type { Node } from '@playground/node';

const SHIP_EVERY_MS = 100;
const MAX_BATCH = 50;
const TIMEOUT_MS = 300;
const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 1600;

export default function service(node: Node) {
  // ── The shipper: your exercise ─────────────────────────────────────────────────────────────────────────
  // [1]
  let next = node.storage.get<number>('next-seq') ?? 1;
  const buffer = new Map<number, { seq: number; line: string }>();
  function ship(line: string) {
    const seq = next++;
    node.storage.set('next-seq', next);
    buffer.set(seq, { seq, line });
  }

  // [2]
  let sending = false;
  let backoff = 0;
  let quietUntil = 0;
  node.every(SHIP_EVERY_MS, async () => {
    node.metric('buffered', buffer.size);
    if (sending || buffer.size === 0 || node.monotonic() < quietUntil) return;
    const lines = [...buffer.values()].slice(0, MAX_BATCH);
    sending = true;
    try {
      const reply = await node.rpc('collector', 'logs', { lines }, { timeout: TIMEOUT_MS });
      for (const seq of reply.body.stored as number[]) buffer.delete(seq);
      backoff = 0;
    } catch {
      // [3]
      backoff = backoff === 0 ? FIRST_BACKOFF_MS : Math.min(2 * backoff, MAX_BACKOFF_MS);
      quietUntil = node.monotonic() + backoff;
    } finally {
      sending = false;
    }
  });

  // ── The service: do not change (the checks hold it to every line it logs) ──────────────────────────────
  node.on('cart', async (msg) => {
    const { id, user, items } = msg.body as { id: number; user: string; items: string[] };
    await node.sleep(5 + Math.floor(node.random() * 25));
    items.forEach((item, i) => ship(`${node.id} cart ${id}.${i + 1}: ${user} added ${item}`));
    node.reply(msg, { id, added: items.length });
  });
}
