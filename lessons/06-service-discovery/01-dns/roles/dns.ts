import type { Node } from '@playground/node';

/** A DNS server for one name, `api`: the instances ops registered, and how long an answer may be cached. */
export default function dns(node: Node) {
  // [1]
  const TTL_MS = 600 + 100 * Math.floor(node.random() * 10);
  const records: string[] = [];
  const removedAt = new Map<string, number>();
  node.state.ttl = TTL_MS;
  node.state.records = [];

  const show = () => {
    node.state.records = [...records];
    // [2]
    const now = node.monotonic();
    let stale = 0;
    for (const [name, at] of removedAt) {
      if (now - at < TTL_MS) stale += 1;
      else removedAt.delete(name);
    }
    node.state.staleWindow = stale;
    node.metric('records', records.length);
    node.metric('stale_window', stale);
  };
  node.every(100, show);

  // [3]
  node.on('update', (msg) => {
    if (msg.from !== 'ops') return;
    const { add, remove } = msg.body as { add?: string; remove?: string };
    if (add && !records.includes(add)) records.push(add);
    if (remove && records.includes(remove)) {
      records.splice(records.indexOf(remove), 1);
      removedAt.set(remove, node.monotonic());
    }
    show();
  });

  // [4]
  node.on('resolve', (msg) => {
    if (msg.body?.name !== 'api')
      return node.reply(msg, { name: msg.body?.name, addresses: [], ttl: TTL_MS });
    node.reply(msg, { name: 'api', addresses: [...records], ttl: TTL_MS });
  });
}

/*
[1]
The TTL (time to live) of the answers: 600 to 1500 ms, drawn per seed. A client may reuse an answer for that
long; after that it must ask again. Read it from each answer (`ttl`), never assume it.

[2]
The stale window: how many instances were taken out of DNS less than a TTL ago. An answer that names them
may still sit in a client's cache, so a client may still send to them, although they are gone. The
`stale_window` chart shows it.

[3]
Only the deployer (`ops`) changes the records: it adds a new instance, and removes an old one before it
stops it.

[4]
An answer is every instance registered now, and the TTL. DNS does not check that they work: an instance that
hangs stays in the answers.
*/
