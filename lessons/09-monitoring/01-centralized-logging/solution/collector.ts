import type { Node } from '@playground/node';

/** The log collector: files every line it gets in node.storage, where anyone reads them in key order. */
export default function collector(node: Node) {
  // [1]
  node.on('logs', (msg) => {
    const { lines } = msg.body as { lines: { seq: number; line: string }[] };
    const stored: number[] = [];
    for (const { seq, line } of lines) {
      const key = `log/${msg.from}/${String(seq).padStart(8, '0')}`;
      if (node.storage.get(key) === undefined) node.storage.set(key, { line });
      stored.push(seq);
    }
    node.reply(msg, { stored });
  });
}

/*
[1]
One key per line, `log/<node>/<sequence>`: sorted keys put each node's lines in the order that node logged
them, whatever its clock said. Storing a key that is already there is a repeat (the ack was lost and the
batch came again): skip it, and ack it anyway so the shipper stops sending it. Storage survives the
collector's crash, so this holds across restarts too.
*/
