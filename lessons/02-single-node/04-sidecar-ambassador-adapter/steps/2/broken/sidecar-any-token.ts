/** Bug: checks that a token is there, not that it is one the pod accepts: "letmein" gets in. */
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
    if (typeof token !== 'string' || token === '') {
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
