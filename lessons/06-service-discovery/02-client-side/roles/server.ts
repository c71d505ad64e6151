import type { Node } from '@playground/node';

/** An api instance: registers with the registry at boot, heartbeats as it is told, does the work. */
export default function server(node: Node) {
  let done = 0;
  let beats: { cancel(): void } | null = null;
  node.state.done = 0;

  // [1]
  async function register() {
    for (;;) {
      try {
        const reply = await node.rpc('registry', 'register', {}, { timeout: 200 });
        const every = Math.max(5, Number(reply.body.heartbeatEvery) || 300);
        node.state.heartbeatEvery = every;
        beats?.cancel();
        beats = node.every(every, () => node.send('registry', 'heartbeat', {}));
        return;
      } catch {
        await node.sleep(200);
      }
    }
  }
  void register();

  // [2]
  node.on('work', async (msg) => {
    await node.sleep(3 + Math.floor(node.random() * 8));
    done += 1;
    node.state.done = done;
    node.reply(msg, {
      id: msg.body.id,
      by: node.id,
      result: `${node.id} did ${msg.body.id}/${msg.body.token}`,
    });
  });
}

/*
[1]
At boot (and after every restart) the instance registers, and the registry's answer says how often to
heartbeat: `{ heartbeatEvery }`, in ms. From then on it sends a `heartbeat` that often. It never
deregisters: when it dies, it just goes quiet.

[2]
The work, and an answer only an instance can give.
*/
