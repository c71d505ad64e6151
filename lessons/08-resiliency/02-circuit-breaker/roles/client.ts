import type { Node } from '@playground/node';

const EVERY_MS = 40;
const STOP_AT_MS = 14_500;
const TIMEOUT_MS = 1500;

/** A client: a numbered request every 40 ms, waited on for at most 1.5 s. */
export default function client(node: Node) {
  // [1]
  let id = Math.floor(node.random() * 1000) * 2 + (node.id.endsWith('2') ? 1 : 0);
  let ok = 0;
  let fallback = 0;
  let lost = 0;

  const ticker = node.every(EVERY_MS, async () => {
    if (node.monotonic() > STOP_AT_MS) return ticker.cancel();
    id += 2;
    const started = node.monotonic();
    try {
      const answer = await node.rpc('gateway', 'request', { id }, { timeout: TIMEOUT_MS });
      // [2]
      if (answer.type === 'request_ok') ok += 1;
      else fallback += 1;
      node.metric('latency_ms', node.monotonic() - started);
    } catch {
      lost += 1;
    }
    node.state.answers = `${ok} ok, ${fallback} fallback, ${lost} lost`;
  });
}

/*
[1]
Request ids are numbers drawn per seed; the two clients never share one (one counts even, the other odd).

[2]
`request_ok` carries the service's answer; `request_fallback` is the gateway's "not now", which the client
can show at once (a cached page, a greyed-out button). A fast fallback is useful; a slow one is not.
*/
