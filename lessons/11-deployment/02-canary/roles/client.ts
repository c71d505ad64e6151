import type { Node } from '@playground/node';

/** A client: a request every 20 ms until 10 s, for one of its 20 users, each waited on for at most 3 s. */
export default function client(node: Node) {
  // [1]
  const users = Array.from({ length: 20 }, () => `u${Math.floor(node.random() * 1e6)}`);
  let n = 0;
  let failed = 0;
  const ticker = node.every(20, async () => {
    if (node.monotonic() > 10_000) return ticker.cancel();
    n += 1;
    const user = users[Math.floor(node.random() * users.length)]!;
    const id = `${node.id}:${n}`;
    try {
      const answer = await node.rpc('router', 'request', { id, user }, { timeout: 3000 });
      if (answer.body.error) throw new Error(answer.body.error);
    } catch (e) {
      failed += 1;
      node.warn(`request ${id} for ${user} failed: ${(e as Error).message}`);
    }
    node.state.failed = failed;
  });
}

/*
[1]
Each client speaks for 20 users whose ids are drawn per seed. A user is someone who notices when the site
changes under them from one click to the next: all of one user's requests should see one version.
*/
