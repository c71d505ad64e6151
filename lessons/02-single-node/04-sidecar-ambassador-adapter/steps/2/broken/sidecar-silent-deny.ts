/** Bug: turns intruders away by ignoring them: no `lookup_denied`, so every caller with a bad token waits out its 1.5 s timeout. */
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
