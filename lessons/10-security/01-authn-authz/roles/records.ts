import type { AnyMessage, Node } from '@playground/node';

const USERS = ['ana', 'ben', 'ops', 'eve', 'mal'];

/**
 * The backend: every user's records, `<user>/<n>` for n = 1..5. It trusts the gateway completely: whatever
 * reaches it is served (that is the gateway's job to prevent).
 */
export default function records(node: Node) {
  // [1]
  const data = new Map<string, string>();
  for (const user of USERS) {
    for (let n = 1; n <= 5; n++)
      data.set(`${user}/${n}`, `${user}'s note ${Math.floor(node.random() * 1e9)}`);
  }
  node.on('fetch', (msg: AnyMessage) => {
    const record = String(msg.body.record);
    node.reply(msg, { record, data: data.get(record) ?? null });
  });
  node.on('remove', (msg: AnyMessage) => {
    const record = String(msg.body.record);
    data.delete(record);
    node.reply(msg, { record });
  });
}

/*
[1]
Each record's content is drawn per seed, so an answer cannot be made up: the checks compare what a client
got with what this node sent. Every request the gateway sends here carries the token it was let in with
(`token`): the checks follow it back to the auth reply that issued it.
*/
