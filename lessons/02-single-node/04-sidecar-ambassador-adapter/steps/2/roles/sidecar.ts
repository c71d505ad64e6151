import type { Node } from '@playground/node';

// [3]
const ACCEPTED_TOKENS = ['tok-client-7f3a'];

export default function sidecar(node: Node) {
  let requests = 0;
  let slowest = 0;
  node.state.requests = 0;
  node.state.slowestMs = 0;
  node.state.tokens = ACCEPTED_TOKENS.length;

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
What it adds so far: it times every request and charts `request_ms`.

[3]
The tokens this pod accepts. In a real pod they would come from a secret mounted into the sidecar; the app
never sees them. Today the sidecar lets everyone in, and `intruder` reads other users' records.

Your exercise: check the token on the way in. A lookup whose `token` is one of `ACCEPTED_TOKENS` goes on
to the app, without its `token` (the credential stops at the sidecar). Any other lookup is answered at once
with `lookup_denied`, `{ key, error }`, and never reaches the app.
*/
