import type { Node } from '@playground/node';

/** A replica: work takes 5-15 ms, or 10-400 ms while degraded; health checks pass at once either way. */
export default function server(node: Node) {
  let degradedUntil = -1;
  let done = 0;
  node.state.degraded = false;

  node.on('degrade', (msg) => {
    degradedUntil = node.monotonic() + msg.body.forMs;
    node.state.degraded = true;
    node.setTimer(msg.body.forMs, () => (node.state.degraded = false));
  });

  // [1]
  node.on('work', async (msg) => {
    const gray = node.monotonic() < degradedUntil;
    await node.sleep(gray ? 10 + Math.floor(node.random() * 390) : 5 + Math.floor(node.random() * 10));
    done += 1;
    node.state.done = done;
    node.reply(msg, { id: msg.body.id, by: node.id });
  });

  node.on('health', (msg) => node.reply(msg, { ok: true }));
}

/*
[1]
While degraded, the work takes 10 to 400 ms, and the health check still answers at once: health checks
see nothing wrong. Only the time each answer takes shows it.
*/
