/** Bug: files every line it receives under a new key: a batch resent after a lost ack is filed twice. */
import type { Node } from '@playground/node';

export default function collector(node: Node) {
  node.on('logs', (msg) => {
    const { lines } = msg.body as { lines: { seq: number; line: string }[] };
    let n = node.storage.get<number>('count') ?? 0;
    for (const { line } of lines) {
      n += 1;
      node.storage.set(`log/${msg.from}/${String(n).padStart(8, '0')}`, { line });
    }
    node.storage.set('count', n);
    node.reply(msg, { stored: lines.map((l) => l.seq) });
  });
}
