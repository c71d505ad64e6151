import type { Node } from '@playground/node';

// [3]
const ACCEPTED_TOKENS = ['tok-client-7f3a'];

export default function sidecar(node: Node) {
  let requests = 0;
  let denied = 0;
  let slowest = 0;
  node.state.requests = 0;
  node.state.denied = 0;
  node.state.slowestMs = 0;
  node.state.tokens = ACCEPTED_TOKENS.length;

  // [1]
  node.on('lookup', async (msg) => {
    const started = node.now();
    requests += 1;
    node.state.requests = requests;
    // [4]
    const { token, ...request } = msg.body as { token?: unknown; key: string };
    if (typeof token !== 'string' || !ACCEPTED_TOKENS.includes(token)) {
      denied += 1;
      node.state.denied = denied;
      node.log(`denied ${msg.from}: ${token === undefined ? 'no token' : 'wrong token'}`);
      node.reply(msg, { key: request.key, error: 'invalid token' }, 'lookup_denied');
      return;
    }
    // [5]
    try {
      const answer = await node.rpc('app', 'lookup', request, { timeout: 1200 });
      node.reply(msg, answer.body, answer.type);
    } catch {
      node.reply(msg, { error: 'the app did not answer' }, 'lookup_error');
    }
    // [2]
    const took = node.now() - started;
    slowest = Math.max(slowest, took);
    node.metric('request_ms', took);
    node.state.slowestMs = Math.round(slowest);
  });
}

/*
[1]
A sidecar sits beside the app, on the same machine, and adds something the app lacks without changing it.
Requests reach the pod through the sidecar, which passes them to the app and the answers back, with the
answer's own type (`lookup_ok` or `lookup_error`).

[2]
It still times every request it passes on and charts `request_ms`.

[3]
The tokens this pod accepts. In a real pod they would come from a secret mounted into the sidecar; the app
never sees them.

[4]
Take the token off the request first. No token, or one the pod does not accept: answer at once with
`lookup_denied` (the HTTP world's 401), so the caller is not left waiting, and stop there: the app never
hears of it.

[5]
A good token: pass the rest of the request (just `{ key }`) to the app. The app is the same legacy code as
before and still knows nothing about tokens; the pod as a whole now does.
*/
