import type { Node } from '@playground/node';

export default function proxy(node: Node) {
  let forwarded = 0;
  let failed = 0;
  node.state.forwarded = 0;
  node.state.failed = 0;

  // [1]
  node.on('get', async (msg) => {
    try {
      // [2]
      const answer = await node.rpc('server', 'get', { key: msg.body.key }, { timeout: 300 });
      forwarded += 1;
      node.reply(msg, answer.body);
    } catch {
      // [3]
      failed += 1;
    }
    node.state.forwarded = forwarded;
    node.state.failed = failed;
    node.metric('hit_ratio', 0);
  });
}

/*
[1]
A proxy stands in front of a server and speaks the same protocol: clients send it `get` as if it were the
server. Because every request goes through it, the proxy can control access: check who asks (auth), limit
how often (rate limiting), or answer from memory (caching). This one only passes requests through.

[2]
Ask the server and pass its answer back unchanged. `answer.body` is `{ key, value, at }`, where `at` is the
server's time when it produced the value.

[3]
The server did not answer in 300 ms: the client gets nothing and gives up after its own 1000 ms.

Your exercise: make this a caching proxy.
- Keep the last answer per key, with when you asked for it. A cached answer younger than 1000 ms is served
  from the cache without asking the server (a hit); otherwise ask the server and cache the new answer.
  Measure ages on `node.monotonic()`: `node.now()` is a wall clock, and this run sets it ahead or back.
- If the server does not answer, serve the cached answer even though it is old ("stale if error"): an old
  value is better than none while the server is down.
- Reply with the server's body unchanged: the checkers match each answer to the server's reply it came from.
- Update `hit_ratio` (hits / all gets) so you can watch the cache work.
*/
