import type { Node } from '@playground/node';

/** The client: one `work` request every 100 ms until 8.5 s, each waited on for at most 2 s. */
export default function client(node: Node) {
  let sent = 0;
  let answered = 0;
  let unanswered = 0;
  node.state.sent = 0;
  node.state.answered = 0;
  node.state.unanswered = 0;

  const ticker = node.every(100, async () => {
    if (node.now() > 8500) {
      ticker.cancel(); // [1]
      return;
    }
    sent += 1;
    const job = sent;
    const input = Math.floor(node.random() * 1_000_000); // [2]
    node.state.sent = sent;
    const start = node.now();
    try {
      // [3]
      const reply = await node.rpc('balancer', 'work', { job, input }, { timeout: 2000 });
      answered += 1;
      node.state.answered = answered;
      node.state.lastAnsweredBy = reply.body.by;
      node.metric('latency_ms', node.now() - start);
    } catch {
      unanswered += 1;
      node.state.unanswered = unanswered;
      node.metric('unanswered', unanswered);
      node.warn(`job ${job} got no reply within 2000 ms`);
    }
  });
}

/*
[1]
The workload is scripted: about 84 requests, then silence, so that every request has time to be answered
before the run ends at 10 s.

[2]
Each job carries an input drawn per seed: the replica's answer is computed from it, so no balancer can make
one up.

[3]
The client only knows the balancer. It never learns which replica did the work (except from the reply's
`by` field, shown in the inspector), and it does not retry: a request the balancer drops is lost for good.
*/
