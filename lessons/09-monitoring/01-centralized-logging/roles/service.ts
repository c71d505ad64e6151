import type { Node } from '@playground/node';

export default function service(node: Node) {
  // ── The shipper: your exercise ─────────────────────────────────────────────────────────────────────────
  // [1]
  function ship(line: string) {
    node.send('collector', 'log', { line, at: node.now() });
  }

  // ── The service: do not change (the checks hold it to every line it logs) ──────────────────────────────
  // [2]
  node.on('cart', async (msg) => {
    const { id, user, items } = msg.body as { id: number; user: string; items: string[] };
    await node.sleep(5 + Math.floor(node.random() * 25));
    items.forEach((item, i) => ship(`${node.id} cart ${id}.${i + 1}: ${user} added ${item}`));
    node.reply(msg, { id, added: items.length });
  });
}

/*
[1]
`ship(line)` is called once per log line, in the order the service logs them. This one sends each line to
the collector at once, stamped with this node's wall clock, and forgets it. A line sent while the collector
is down is gone; a line lost on the network is gone; and the collector files lines by their timestamp, so a
clock set back files them before lines that were logged earlier.

[2]
The service's own work: it adds each item of a cart (5-30 ms), logs one line per item, and answers. When
it answers, every line it logged for that cart has gone through `ship`: those lines must reach the
collector, exactly once and in this order, whatever crashes in between.
*/
