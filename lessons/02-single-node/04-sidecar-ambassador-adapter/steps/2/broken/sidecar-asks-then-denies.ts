/** Bug: skips the real work but looks right: passes every lookup to the app first and only then answers a bad token with `lookup_denied`, so the app still looks up records for the intruder. */
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
    const { token, ...request } = msg.body as { token?: unknown; key: string };
    const allowed = typeof token === 'string' && ACCEPTED_TOKENS.includes(token);
    try {
      const answer = await node.rpc('app', 'lookup', request, { timeout: 1200 });
      if (allowed) node.reply(msg, answer.body, answer.type);
      else {
        denied += 1;
        node.state.denied = denied;
        node.reply(msg, { key: request.key, error: 'invalid token' }, 'lookup_denied');
        return;
      }
    } catch {
      node.reply(msg, { error: 'the app did not answer' }, allowed ? 'lookup_error' : 'lookup_denied');
    }
    // [2]
    const took = node.now() - started;
    slowest = Math.max(slowest, took);
    node.metric('request_ms', took);
    node.state.slowestMs = Math.round(slowest);
  });
}
