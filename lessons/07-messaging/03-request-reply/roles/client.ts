import type { Node } from '@playground/node';

const BURSTS = [1000, 6000, 11_000, 16_000, 24_000];
const PER_BURST = 3;

// The book's EchoClient, now depositing money: send a request, wait for the reply, print it.
export default function accountClient(node: Node) {
  const [server] = node.peers('server'); // [1]
  node.state = { sent: 0, confirmed: 0 };

  async function sendRequest(n: number, amount: number) {
    const reply = await node.rpc(server!, 'deposit', { n, amount }, { timeout: 300 }); // [2]
    node.state.confirmed = Number(node.state.confirmed) + 1;
    node.log(`deposit #${n} of ${amount}: balance ${reply.body.balance}`);
  }

  // [3]
  BURSTS.forEach((at, b) => {
    for (let k = 1; k <= PER_BURST; k++) {
      const n = b * PER_BURST + k;
      const amount = 1 + Math.floor(node.random() * 100);
      node.setTimer(at, async () => {
        node.state.sent = Number(node.state.sent) + 1;
        try {
          await sendRequest(n, amount);
        } catch (error) {
          node.warn(`deposit #${n} failed: ${(error as Error).message}`);
        }
      });
    }
  });
}

// [1] peers('server') lists the nodes of role `server`; here there is exactly one.
// [2] rpc() resolves with the reply, or rejects after `timeout` virtual ms if none came. A lost request, a
//     lost reply, a paused server and a slow link all look the same from here: a timeout. Only in the
//     first case did the deposit not happen.
// [3] Five bursts of three deposits (15 in all, amounts drawn from the seed), all three of a burst sent at
//     the same moment. Exercise: make every deposit take effect exactly once, with bounded retries.
