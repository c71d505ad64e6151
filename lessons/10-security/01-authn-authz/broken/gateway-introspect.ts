/** Bug: asks auth to introspect every token: correct while auth is up, one round trip to auth per request, and nothing works while auth is down. */
import type { AnyMessage, Node } from '@playground/node';

export default function gateway(node: Node) {
  async function pass(msg: AnyMessage, type: 'fetch' | 'remove') {
    const token = String(msg.body.token ?? '');
    const record = String(msg.body.record ?? '');
    let claims: { active: boolean; sub?: string; role?: string };
    try {
      claims = (await node.rpc('auth', 'introspect', { token }, { timeout: 300 })).body;
    } catch {
      return node.reply(msg, { why: 'auth did not answer' }, 'denied');
    }
    if (!claims.active) return node.reply(msg, { why: 'inactive token' }, 'denied');
    const owner = record.split('/')[0];
    if (claims.role !== 'admin' && (owner !== claims.sub || type === 'remove'))
      return node.reply(msg, { why: `${claims.sub} may not ${type} ${record}` }, 'denied');
    try {
      const answer = await node.rpc('records', type, { record, token }, { timeout: 300 });
      node.reply(msg, answer.body);
    } catch {
      node.reply(msg, { why: 'records did not answer' }, 'denied');
    }
  }
  node.on('read', (msg: AnyMessage) => pass(msg, 'fetch'));
  node.on('delete', (msg: AnyMessage) => pass(msg, 'remove'));
}
