import type { Node } from '@playground/node';

const USERS = ['ana', 'ben', 'ops'];

/**
 * A user: logs in, renews its token halfway through its life, and every 100 ms asks the gateway for one of
 * its records; `ops` (client-3, an admin) reads anyone's records and sometimes deletes one.
 */
export default function client(node: Node) {
  const me = USERS[Number(node.id.split('-')[1]) - 1] ?? 'ana';
  const admin = me === 'ops';
  let token: string | undefined;
  let renewAt = 0;
  let renewing = false;
  let answered = 0;
  let denied = 0;
  let failed = 0;

  // [1]
  async function login() {
    renewing = true;
    try {
      const reply = await node.rpc('auth', 'login', {}, { timeout: 300 });
      if (reply.type === 'login_ok') {
        token = String(reply.body.token);
        renewAt = node.monotonic() + Number(reply.body.ttl) / 2;
      }
    } catch {
      // auth is down: keep the token we have, try again soon
    } finally {
      renewing = false;
    }
  }
  void login();
  node.every(100, () => {
    if (!renewing && node.monotonic() >= renewAt) void login();
  });

  // [2]
  const ticker = node.every(100, async () => {
    if (node.monotonic() > 13_000) return ticker.cancel();
    if (token === undefined) return;
    const owner = admin ? USERS[Math.floor(node.random() * USERS.length)]! : me;
    const record = `${owner}/${1 + Math.floor(node.random() * 5)}`;
    const op = admin && node.random() < 0.2 ? 'delete' : 'read';
    try {
      const reply = await node.rpc('gateway', op, { token, record }, { timeout: 500 });
      if (reply.type === 'denied') {
        denied += 1;
        node.warn(`${op} ${record} denied: ${String(reply.body.why)}`);
      } else answered += 1;
    } catch {
      failed += 1;
    }
    node.state.answered = answered;
    node.state.denied = denied;
    node.state.failed = failed;
  });
}

/*
[1]
A token lives 4 s; the client renews it after 2 s. While auth is down, renewing fails and the client keeps
using the token it has, which is still good for up to 2 s more.

[2]
Every request carries the token in its body: `{ token, record }`, where a record is `<owner>/<n>`. The
gateway answers `read_ok` / `delete_ok` with the backend's answer, or `denied` with a reason.
*/
