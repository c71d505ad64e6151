import type { Node } from '@playground/node';

const EVERY_MS = 40;
const STOP_AT_MS = 15_500;
const TIMEOUT_MS = 1500;

/** A client: every 40 ms a request for one of the services (drawn per request), waited on for 1.5 s. */
export default function client(node: Node) {
  // [1]
  let id = Math.floor(node.random() * 1000) * 2 + (node.id.endsWith('2') ? 1 : 0);
  const services = node.peers('service');
  const tally: Record<string, { ok: number; failed: number }> = {};
  for (const s of services) tally[s] = { ok: 0, failed: 0 };

  const ticker = node.every(EVERY_MS, async () => {
    if (node.monotonic() > STOP_AT_MS) return ticker.cancel();
    id += 2;
    const service = services[Math.floor(node.random() * services.length)]!;
    const started = node.monotonic();
    try {
      const answer = await node.rpc('gateway', 'request', { id, service }, { timeout: TIMEOUT_MS });
      // [2]
      if (answer.type === 'request_ok') tally[service]!.ok += 1;
      else tally[service]!.failed += 1;
      node.metric('latency_ms', node.monotonic() - started);
    } catch {
      tally[service]!.failed += 1;
      node.warn(`request ${id} for ${service} got no answer within ${TIMEOUT_MS} ms`);
    }
    for (const s of services) node.state[s] = `${tally[s]!.ok} ok, ${tally[s]!.failed} failed`;
  });
}

/*
[1]
Request ids are numbers drawn per seed; the two clients never share one (one counts even, the other odd).
Which service each request is for is drawn per request, so half the traffic goes to each.

[2]
`request_ok` carries the service's answer; `request_failed` says the gateway could not get one. A quick
"no" is useful to a client (it can show a fallback at once); a "no" after a second and a half is not.
*/
