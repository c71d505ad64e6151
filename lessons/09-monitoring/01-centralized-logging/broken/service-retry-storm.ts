/** Bug: resends the whole buffer every 100 ms until acked, with no backoff: a down collector is flooded. */
import type { Node } from '@playground/node';

const SHIP_EVERY_MS = 100;
const MAX_BATCH = 50;
const TIMEOUT_MS = 300;

const bufKey = (seq: number) => `buf/${String(seq).padStart(8, '0')}`;

export default function service(node: Node) {
  // ── The shipper: your exercise ─────────────────────────────────────────────────────────────────────────
  // [1]
  let next = node.storage.get<number>('next-seq') ?? 1;
  function ship(line: string) {
    const seq = next++;
    node.storage.set('next-seq', next);
    node.storage.set(bufKey(seq), { seq, line });
  }

  // [2]
  node.every(SHIP_EVERY_MS, async () => {
    const waiting = node.storage.keys().filter((k) => k.startsWith('buf/'));
    node.metric('buffered', waiting.length);
    if (waiting.length === 0) return;
    const lines = waiting
      .sort()
      .slice(0, MAX_BATCH)
      .map((k) => node.storage.get(k)!);
    try {
      const reply = await node.rpc('collector', 'logs', { lines }, { timeout: TIMEOUT_MS });
      for (const seq of reply.body.stored as number[]) node.storage.delete(bufKey(seq));
    } catch {
      // not acked yet: the next tick sends it again
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
