import type { Node } from '@playground/node';

const JOBS = 40;
const EVERY_MS = 100;

export default function client(node: Node) {
  const done = new Set<number>();
  let next = 1;
  node.state.submitted = 0;
  node.state.done = 0;

  // [1]
  const submitting = node.every(EVERY_MS, () => {
    if (next > JOBS) {
      submitting.cancel();
      return;
    }
    node.send('factory', 'submit', { job: next });
    node.state.submitted = next;
    next += 1;
  });

  // [2]
  node.on('done', (msg) => {
    done.add(msg.body.job);
    node.state.done = done.size;
    node.metric('done', done.size);
  });
}

/*
[1]
Jobs arrive at 10 per second. One worker does 2.5 per second, so one worker cannot keep up: the factory
needs about four.

[2]
The factory reports each finished job with a `done` message.
*/
