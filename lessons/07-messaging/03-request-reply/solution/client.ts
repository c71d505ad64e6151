import type { Node } from '@playground/node';

// Request-reply with retries: a timed-out request is sent again until a reply comes back.
export default function echoClient(node: Node) {
  const [server] = node.peers('server');
  node.state = { sent: 0, replies: 0, retries: 0 };

  async function sendRequest(text: string) {
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = await node.rpc(server!, 'echo', { text }, { timeout: 500 });
        node.state.replies = Number(node.state.replies) + 1;
        node.metric('replies', Number(node.state.replies));
        node.log(`Received reply: ${reply.body.text}`);
        return;
      } catch {
        // [1]
        node.state.retries = Number(node.state.retries) + 1;
        node.warn(`request "${text}" timed out (attempt ${attempt}); retrying`);
      }
    }
  }

  for (let i = 1; i <= 10; i++) {
    node.setTimer(i * 1000, async () => {
      node.state.sent = i;
      await sendRequest(`Hello, server! #${i}`);
    });
  }
}

// [1] Retrying is safe because echo is idempotent: answering the same request twice does no harm.
//     A server that is not idempotent (say, "add 10 to my balance") needs request ids it can deduplicate.
