import type { Node } from '@playground/node';

/** The log collector: files every line it gets in node.storage, where anyone reads them in key order. */
export default function collector(node: Node) {
  // [1]
  node.on('log', (msg) => {
    const { line, at } = msg.body as { line: string; at: number };
    node.storage.set(`log/${String(Math.round(at)).padStart(8, '0')}/${msg.from}`, { line });
  });
}

/*
[1]
The collector's store: one key per line, value `{ line }`, under `log/...`. Reading the log means reading
the keys in sorted order, so the key decides the order. This one sorts by the sender's timestamp, which is
only as good as the sender's clock. (Two lines of one node stamped the same millisecond even overwrite
each other.)
*/
