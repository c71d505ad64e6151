import type { Node } from '@playground/node';

/** A client: a request every 20 ms until 8 s, each waited on for at most 5 s. */
export default function client(node: Node) {
  // [1]
  let n = Math.floor(node.random() * 1000);
  let answered = 0;
  let failed = 0;

  const ticker = node.every(20, async () => {
    if (node.monotonic() > 8000) return ticker.cancel();
    n += 1;
    const id = `${node.id}:${n}`;
    const work =
      node.random() < 0.25 ? 300 + Math.floor(node.random() * 500) : 5 + Math.floor(node.random() * 10);
    const started = node.monotonic();
    try {
      const answer = await node.rpc('router', 'request', { id, ms: work }, { timeout: 5000 });
      // [2]
      if (answer.body.error) throw new Error(answer.body.error);
      answered += 1;
      node.metric('latency_ms', node.monotonic() - started);
    } catch (e) {
      failed += 1;
      node.warn(`request ${id} failed: ${(e as Error).message}`);
    }
    node.state.answered = answered;
    node.state.failed = failed;
  });
}

/*
[1]
Request ids are strings like `client-1:523`, starting at a number drawn per seed. `ms` is how long the work
takes: most requests are quick, one in four is slow (300 to 800 ms). A slow request is what a cutover must
not cut off.

[2]
An answer that carries an `error` is a failed request, just like no answer at all.
*/
