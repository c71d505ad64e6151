import { goal, invariant, sent, delivered, type Check, type RunResult } from '@playground/scenario';

const REQUESTS = 10;

/** Request text by request id, and the request each echo_ok answers. */
function exchanges(run: RunResult) {
  const requestText = new Map(
    sent(run, 'echo').map((m) => [m.id, String((m.body as { text?: unknown }).text)]),
  );
  const replies = new Map(sent(run, 'echo_ok').map((m) => [m.id, m]));
  return { requestText, replies };
}

export default [
  goal('every request gets a reply', (run) => {
    const { requestText, replies } = exchanges(run);
    const answered = new Set<string>();
    for (const d of delivered(run, 'echo_ok', 'client')) {
      const reply = replies.get(d.messageId);
      const text = reply?.inReplyTo ? requestText.get(reply.inReplyTo) : undefined;
      if (text) answered.add(text);
    }
    const missing = [];
    for (let i = 1; i <= REQUESTS; i++) if (!answered.has(`Hello, server! #${i}`)) missing.push(`#${i}`);
    if (missing.length === 0) return true;
    return `the client got replies to ${REQUESTS - missing.length} of ${REQUESTS} requests; no reply ever reached it for ${missing.join(', ')}`;
  }),
  invariant('every reply echoes its request', (run) => {
    const { requestText, replies } = exchanges(run);
    for (const reply of replies.values()) {
      const text = reply.inReplyTo ? requestText.get(reply.inReplyTo) : undefined;
      const got = (reply.body as { text?: unknown }).text;
      if (text !== undefined && got !== `Echo: ${text}`) {
        return `at ${reply.sentAt} ms the server answered "${String(got)}" to "${text}" (expected "Echo: ${text}")`;
      }
    }
    return true;
  }),
] satisfies Check[];
