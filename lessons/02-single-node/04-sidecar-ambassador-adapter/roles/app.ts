import type { Node } from '@playground/node';

export default function app(node: Node) {
  let served = 0;
  let failed = 0;
  const startedAt = node.now();

  // [1]
  node.on('lookup', async (msg) => {
    const key: string = msg.body.key;
    try {
      const answer = await node.rpc('ambassador', 'query', { key }, { timeout: 1000 });
      if (typeof answer.body.value !== 'string') throw new Error(String(answer.body.error ?? 'no value'));
      served += 1;
      node.reply(msg, { key, value: answer.body.value });
    } catch (err) {
      failed += 1;
      node.reply(msg, { key, error: err instanceof Error ? err.message : String(err) }, 'lookup_error');
    }
    node.state.served = served;
    node.state.failed = failed;
  });

  // [2]
  node.on('stats', (msg) => {
    const uptime = Math.round(node.now() - startedAt);
    node.reply(msg, { text: `served=${served} failed=${failed} uptime_ms=${uptime}` });
  });
}

/*
[1]
The legacy app. It was written to ask `ambassador` (a neighbour on the same machine) for data, and it knows
nothing about where the databases are or what to do when one is down. It cannot be changed: everything in
this lesson happens in the containers around it.

[2]
Its stats come as one line of text, in its own format: `served=41 failed=2 uptime_ms=8200`.
*/
