/** Bug: acks a batch at once and files it a moment later: a crash in between loses acked lines. */
import type { Node } from '@playground/node';

export default function collector(node: Node) {
  node.on('logs', async (msg) => {
    const { lines } = msg.body as { lines: { seq: number; line: string }[] };
    node.reply(msg, { stored: lines.map((l) => l.seq) });
    await node.sleep(20); // "write behind": file the batch off the hot path
    for (const { seq, line } of lines) {
      const key = `log/${msg.from}/${String(seq).padStart(8, '0')}`;
      if (node.storage.get(key) === undefined) node.storage.set(key, { line });
    }
  });
}
