import type { Node } from '@playground/node';

export default function sidecar(node: Node) {
  let requests = 0;
  let slowest = 0;
  node.state.requests = 0;
  node.state.slowestMs = 0;

  // [1]
  node.on('lookup', async (msg) => {
    const started = node.now();
    requests += 1;
    try {
      const answer = await node.rpc('app', 'lookup', msg.body, { timeout: 1200 });
      node.reply(msg, answer.body, answer.type);
    } catch {
      node.reply(msg, { error: 'the app did not answer' }, 'lookup_error');
    }
    // [2]
    const took = node.now() - started;
    slowest = Math.max(slowest, took);
    node.metric('request_ms', took);
    node.state.requests = requests;
    node.state.slowestMs = Math.round(slowest);
  });
}

/*
[1]
A sidecar sits beside the app, on the same machine, and adds something the app lacks without changing it.
Requests reach the pod through the sidecar, which passes them to the app and the answers back, with the
answer's own type (`lookup_ok` or `lookup_error`).

[2]
What it adds here: it times every request and charts `request_ms`. Other sidecars add TLS to a service that
only speaks plain text, refresh its configuration, or ship its logs.
*/
