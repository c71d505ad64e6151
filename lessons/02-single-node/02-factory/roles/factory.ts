import type { Node } from '@playground/node';

interface Worker {
  ready: boolean;
  job: number | null;
}

export default function factory(node: Node) {
  const queue: number[] = [];
  const workers = new Map<string, Worker>();

  function show() {
    node.state.queued = queue.length;
    node.state.workers = [...workers.keys()];
    node.metric('queued', queue.length);
    node.metric('workers', workers.size);
  }

  // [1]
  const id = node.spawn('worker');
  workers.set(id, { ready: false, job: null });
  show();

  // [2]
  function dispatch() {
    for (const [workerId, w] of workers) {
      const job = queue[0];
      if (job === undefined) break;
      if (!w.ready || w.job !== null) continue;
      queue.shift();
      w.job = job;
      node.send(workerId, 'work', { job });
    }
    show();
  }

  node.on('submit', (msg) => {
    queue.push(msg.body.job);
    dispatch();
  });

  node.on('ready', (msg) => {
    const w = workers.get(msg.from);
    if (w) w.ready = true;
    dispatch();
  });

  // [3]
  node.on('work_ok', (msg) => {
    const w = workers.get(msg.from);
    if (w) w.job = null;
    node.send('client', 'done', { job: msg.body.job });
    dispatch();
  });
}

/*
[1]
The factory pattern: code asks for "a worker" and the factory decides how to make it. Here it makes exactly
one, once, at boot. `node.spawn(role)` returns the new node's id at once; the node appears in the graph and
says `ready` when it has booted.

[2]
Hand the oldest queued job to each ready, idle worker.

[3]
A finished job goes back to the client as `done`, and the worker gets the next one.

Your exercise: make the factory make workers on demand, and take care of them.
- Scale with the backlog: about one worker per 3 jobs waiting or running, never more than 4 workers alive.
  Check this regularly (`node.every(100, ...)`), not only when a job arrives.
- Notice dead workers: a worker that owes you an answer (`ready`, or `work_ok` for its job) for more than
  1500 ms is gone. Stop it with `node.stop(id)` (a crashed worker still counts against the cap until you
  stop it), put its job back at the front of the queue, and make a new worker. Measure the silence on
  `node.monotonic()`: `node.now()` is a wall clock, and this run sets it ahead or back.
- Report each job `done` exactly once, even if it finished twice (handed out again, or its `work_ok`
  delivered twice by the network).
*/
