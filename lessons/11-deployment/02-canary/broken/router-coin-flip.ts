/** Bug: puts a tenth of the requests on v2 by coin flip, not a tenth of the users: a user flips between versions from one click to the next. */
import type { AnyMessage, Node } from '@playground/node';

const REPLICAS = 2;
/** Share of users on v2 during each stage, and how long each stage is watched before the next. */
const STAGES = [
  { pct: 10, watchMs: 3000 },
  { pct: 50, watchMs: 800 },
];
/** This many errors from v2 and it is rolled back. */
const MAX_ERRORS = 2;

export default function router(node: Node) {
  const v1: string[] = node.peers('v1');
  let v2: string[] = [];
  let next = 0;
  const users: string[] = [];
  const onV2 = new Set<string>();
  let all = false;
  let errors = 0;
  let rolledBack = false;
  const inFlight = new Map<string, number>();

  const show = (pct: number) => {
    node.state.canary_pct = pct;
    node.metric('canary_pct', pct);
  };
  show(0);

  function poolOf(user: string): string[] {
    if (!users.includes(user)) users.push(user);
    if (v2.length > 0 && !rolledBack && (all || node.random() < onV2.size / Math.max(1, users.length)))
      return v2;
    return v1;
  }

  node.on('request', async (msg: AnyMessage) => {
    const pool = poolOf(msg.body.user);
    const replica = pool[next++ % pool.length]!;
    inFlight.set(replica, (inFlight.get(replica) ?? 0) + 1);
    try {
      const answer = await node.rpc(replica, 'work', msg.body, { timeout: 2000 });
      if (answer.body.error && v2.includes(replica)) {
        errors += 1;
        if (errors >= MAX_ERRORS && !rolledBack) void rollBack(`${errors} errors from v2`);
      }
      node.reply(msg, answer.body);
    } catch {
      node.warn(`${replica} did not answer request ${msg.body.id}`);
    } finally {
      inFlight.set(replica, inFlight.get(replica)! - 1);
    }
  });

  const drain = async (pool: string[]) => {
    while (pool.some((r) => (inFlight.get(r) ?? 0) > 0)) await node.sleep(10);
    for (const replica of pool) node.stop(replica);
  };

  async function rollBack(why: string) {
    rolledBack = true;
    onV2.clear();
    show(0);
    node.warn(`rolling back v2: ${why}`);
    await drain(v2);
  }

  node.on('deploy', async (msg: AnyMessage) => {
    v2 = Array.from({ length: REPLICAS }, () => node.spawn('v2', { storage: { image: msg.body.image } }));
    for (const stage of STAGES) {
      if (rolledBack) return;
      const want = Math.floor((users.length * stage.pct) / 100);
      for (const user of users) if (onV2.size < want) onV2.add(user);
      show(stage.pct);
      await node.sleep(stage.watchMs);
    }
    if (rolledBack) return;
    all = true;
    show(100);
    node.log('v2 promoted: draining v1');
    await drain(v1);
  });
}
