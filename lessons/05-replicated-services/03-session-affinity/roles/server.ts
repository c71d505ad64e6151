import type { Node } from '@playground/node';

/** A replica with sessions in memory: each user's visit count (lost in a crash, as memory is). */
export default function server(node: Node) {
  const sessions = new Map<string, number>();
  const known = new Set<string>();
  node.state.sessions = 0;

  node.on('work', async (msg) => {
    await node.sleep(3 + Math.floor(node.random() * 5));
    const { user } = msg.body;
    const visits = (sessions.get(user) ?? 0) + 1;
    sessions.set(user, visits);
    node.state.sessions = sessions.size;
    // [1]
    const seenBefore = msg.body.seenBefore === true || known.has(user);
    known.add(user);
    node.reply(msg, { user, id: msg.body.id, by: node.id, visits, seenBefore });
  });

  node.on('health', (msg) => node.reply(msg, { ok: true }));
}

/*
[1]
`visits` is this server's count for the user. A user who moves to another server starts again at 1 there:
the session (a cart, a login, a cache of their data) is gone.
*/
