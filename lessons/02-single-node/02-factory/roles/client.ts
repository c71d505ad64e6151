import type { Node } from '@playground/node';

const JOBS = 40;

export default function client(node: Node) {
  const done = new Set<number>();
  const ids = new Set<number>();
  let sent = 0;
  node.state.submitted = 0;
  node.state.done = 0;

  // [1]
  function submit() {
    if (sent >= JOBS) return;
    let job = 1000 + Math.floor(node.random() * 9000);
    while (ids.has(job)) job = 1000 + Math.floor(node.random() * 9000);
    ids.add(job);
    node.send('factory', 'submit', { job });
    sent += 1;
    node.state.submitted = sent;
    node.setTimer(50 + node.random() * 100, submit);
  }
  node.setTimer(100, submit);

  // [2]
  node.on('done', (msg) => {
    done.add(msg.body.job);
    node.state.done = done.size;
    node.metric('done', done.size);
  });
}

/*
[1]
40 jobs, about 10 per second (50 to 150 ms apart), each with a number drawn for this run (1000 to 9999).
One worker does one job in 300 to 700 ms, so one worker cannot keep up: the factory needs about four.

[2]
The factory reports each finished job with a `done` message.
*/
