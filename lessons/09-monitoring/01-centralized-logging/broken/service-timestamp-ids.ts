/** Bug: numbers each line by its wall-clock timestamp: when the clock is set back, new lines sort before old ones. */
import type { Node } from '@playground/node';

const SHIP_EVERY_MS = 100;
const MAX_BATCH = 50;
const TIMEOUT_MS = 300;
const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 1600;

const bufKey = (seq: number) => `buf/${String(seq).padStart(8, '0')}`;

export default function service(node: Node) {
  // ── The shipper: your exercise ─────────────────────────────────────────────────────────────────────────
  // [1]
  function ship(line: string) {
    // A line's id is its timestamp (plus a counter for lines of the same millisecond).
    let seq = Math.round(node.now()) * 10;
    while (node.storage.get(bufKey(seq)) !== undefined) seq += 1;
    node.storage.set(bufKey(seq), { seq, line });
  }

  // [2]
  let sending = false;
  let backoff = 0;
  let quietUntil = 0;
  node.every(SHIP_EVERY_MS, async () => {
    const waiting = node.storage.keys().filter((k) => k.startsWith('buf/'));
    node.metric('buffered', waiting.length);
    if (sending || waiting.length === 0 || node.monotonic() < quietUntil) return;
    const lines = waiting
      .sort()
      .slice(0, MAX_BATCH)
      .map((k) => node.storage.get(k)!);
    sending = true;
    try {
      const reply = await node.rpc('collector', 'logs', { lines }, { timeout: TIMEOUT_MS });
      for (const seq of reply.body.stored as number[]) node.storage.delete(bufKey(seq));
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
