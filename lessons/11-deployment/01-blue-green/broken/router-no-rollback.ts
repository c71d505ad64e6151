/** Bug: keeps blue when green fails its smoke test, but leaves the broken green replicas running. */
import type { AnyMessage, Node } from '@playground/node';

const REPLICAS = 2;
const TIMEOUT_MS = 2500;
/** A replica that timed out is skipped for this long (it may be crashed). */
const SUSPECT_MS = 1000;
const SMOKE_TESTS = 3;

export default function router(node: Node) {
  let live: string[] = node.peers('blue');
  let next = 0;
  const inFlight = new Map<string, number>();
  const suspectUntil = new Map<string, number>();
  const show = () => {
    node.state.live = live;
    node.metric('live_green', live.filter((r) => r.startsWith('green')).length);
  };
  show();

  function pick(): string {
    const now = node.monotonic();
    for (let i = 0; i < live.length; i++) {
      const replica = live[next++ % live.length]!;
      if ((suspectUntil.get(replica) ?? 0) <= now) return replica;
    }
    return live[next++ % live.length]!;
  }

  async function call(replica: string, body: unknown, timeout: number): Promise<AnyMessage> {
    inFlight.set(replica, (inFlight.get(replica) ?? 0) + 1);
    try {
      return await node.rpc(replica, 'work', body as never, { timeout });
    } finally {
      inFlight.set(replica, inFlight.get(replica)! - 1);
    }
  }

  node.on('request', async (msg: AnyMessage) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const replica = pick();
      try {
        const answer = await call(replica, msg.body, TIMEOUT_MS);
        node.reply(msg, answer.body);
        return;
      } catch {
        suspectUntil.set(replica, node.monotonic() + SUSPECT_MS);
        node.warn(`${replica} did not answer request ${msg.body.id}: retrying`);
      }
    }
  });

  async function smokeTest(replica: string): Promise<boolean> {
    let passed = 0;
    for (let k = 0; k < SMOKE_TESTS + 3 && passed < SMOKE_TESTS; k++) {
      const id = `smoke:${replica}:${k}`;
      try {
        const answer = await call(replica, { id, ms: 5 }, 300);
        if (answer.body.error || answer.body.id !== id || !answer.body.result) {
          node.warn(`${replica} failed its smoke test: ${answer.body.error ?? JSON.stringify(answer.body)}`);
          return false;
        }
        passed += 1;
      } catch {
        // not booted yet, or lost: try again
      }
    }
    return passed === SMOKE_TESTS;
  }

  node.on('deploy', async (msg: AnyMessage) => {
    const green: string[] = [];
    for (let i = 0; i < REPLICAS; i++)
      green.push(node.spawn('green', { storage: { image: msg.body.image } }));
    const results = await Promise.all(green.map(smokeTest));
    if (!results.every(Boolean)) {
      node.warn(`${msg.body.version} failed its smoke test: rolling back, blue stays live`);
      return;
    }
    const blue = live;
    live = green;
    show();
    node.log(`cut over to ${msg.body.version}: draining ${blue.join(', ')}`);
    while (blue.some((r) => (inFlight.get(r) ?? 0) > 0)) await node.sleep(10);
    for (const replica of blue) node.stop(replica);
    node.log(`blue drained and stopped`);
  });
}
