import type { Node } from '@playground/node';

// The book's EchoClient: send a request, wait for the reply, print it.
export default function echoClient(node: Node) {
  const [server] = node.peers('server'); // [1]
  node.state = { sent: 0, replies: 0 };

  async function sendRequest(text: string) {
    const reply = await node.rpc(server!, 'echo', { text }, { timeout: 500 }); // [2]
    node.state.replies = Number(node.state.replies) + 1;
    node.metric('replies', Number(node.state.replies));
    node.log(`Received reply: ${reply.body.text}`);
  }

  // [3]
  for (let i = 1; i <= 10; i++) {
    node.setTimer(i * 1000, async () => {
      node.state.sent = i;
      try {
        await sendRequest(`Hello, server! #${i}`);
      } catch (error) {
        node.warn(`request #${i} failed: ${(error as Error).message}`);
      }
    });
  }
}

// [1] peers('server') lists the nodes of role `server`; here there is exactly one.
// [2] rpc() resolves with the reply, or rejects after `timeout` virtual ms if none came.
//     A lost request and a lost reply look the same from here: a timeout.
// [3] One request a second, for ten seconds. Exercise: make every request get its reply.
