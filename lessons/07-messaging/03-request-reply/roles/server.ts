import type { Node } from '@playground/node';

// The book's EchoServer: answer every request with "Echo: <text>".
export default function echoServer(node: Node) {
  node.on('echo', (msg) => {
    node.reply(msg, { text: `Echo: ${msg.body.text}` }); // [1]
  });
}

// [1] reply() sends an `echo_ok` back to msg.from with inReplyTo = msg.id: that is how the client's rpc
//     knows which request this reply answers.
