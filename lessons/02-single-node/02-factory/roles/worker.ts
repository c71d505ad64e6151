import type { Node } from '@playground/node';

export default function worker(node: Node) {
  node.state.job = null;
  node.state.finished = 0;

  // [1]
  node.send('factory', 'ready', {});

  // [2]
  node.on('work', async (msg) => {
    node.state.job = msg.body.job;
    await node.sleep(300 + Math.round(node.random() * 400));
    node.state.job = null;
    node.state.finished = Number(node.state.finished) + 1;
    node.reply(msg, { job: msg.body.job });
  });
}

/*
[1]
A worker made by `node.spawn('worker')` boots a moment later and reports to the factory that it is ready.

[2]
A job takes 300 to 700 ms; the answer is `work_ok` with the job's number. A worker does one job at a time:
the factory sends it the next only after this answer.
*/
