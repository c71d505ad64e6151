/**
 * A hand-made trace for the preview page: two clients, a load balancer and three servers; loss, a duplicate,
 * a server crash and restart, a one-way partition, logs, state and metrics. Deterministic (tiny LCG).
 */
import type { NodeView } from '../../../workers/host/control-api';
import type { Message, NodeId, TraceEvent } from '../../../workers/kernel/protocol';

export const previewNodes: NodeView[] = [
  { id: 'client-1', role: 'client', index: 0, status: 'up' },
  { id: 'client-2', role: 'client', index: 1, status: 'up' },
  { id: 'lb', role: 'lb', index: 2, status: 'up' },
  { id: 'server-1', role: 'server', index: 3, status: 'up' },
  { id: 'server-2', role: 'server', index: 4, status: 'up' },
  { id: 'server-3', role: 'server', index: 5, status: 'up' },
];
export const previewRoles = ['client', 'lb', 'server'];
export const previewFaults = [
  { at: 600, label: 'crash server-2' },
  { at: 800, label: 'partition lb → server-3 (one-way)' },
  { at: 1100, label: 'restart server-2' },
  { at: 1300, label: 'heal lb → server-3' },
];

export function previewTrace(until = 2000): TraceEvent[] {
  let s = 12345;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const q: TraceEvent[] = [];
  const seq = new Map<NodeId, number>();
  const down = new Set<NodeId>();
  const blocked = new Set<string>();
  let handled = [0, 0, 0];
  const send = (t: number, from: NodeId, to: NodeId, type: string, body: Message['body']) => {
    const n = (seq.get(from) ?? 0) + 1;
    seq.set(from, n);
    const m: Message = { id: `${from}#${n}`, from, to, type, body, sentAt: t };
    q.push({ t, kind: 'send', node: from, message: m });
    const drop = (at: number, reason: 'loss' | 'partition' | 'crashed') =>
      q.push({ t: at, kind: 'drop', node: to, messageId: m.id, from, to, type, reason });
    if (blocked.has(`${from}>${to}`)) return drop(t, 'partition');
    if (rand() < 0.04) return drop(t, 'loss');
    const arrivals = [t + 8 + Math.floor(rand() * 22)];
    if (rand() < 0.03) {
      q.push({ t, kind: 'duplicate', node: from, messageId: m.id, to });
      arrivals.push(t + 20 + Math.floor(rand() * 30));
    }
    for (const at of arrivals) {
      if (down.has(to)) drop(at, 'crashed');
      else q.push({ t: at, kind: 'deliver', node: to, messageId: m.id, from, type });
    }
  };
  let rr = 0;
  for (let t = 0; t < until; t += 10) {
    if (t === 600) {
      q.push({ t, kind: 'crash', node: 'server-2', reason: 'fault schedule' });
      down.add('server-2');
    }
    if (t === 800) {
      q.push({ t, kind: 'partition', from: 'lb', to: 'server-3', direction: 'one-way' });
      blocked.add('lb>server-3');
    }
    if (t === 1100) {
      q.push({ t, kind: 'restart', node: 'server-2', incarnation: 1 });
      down.delete('server-2');
    }
    if (t === 1300) {
      q.push({ t, kind: 'heal', from: 'lb', to: 'server-3', direction: 'one-way' });
      blocked.delete('lb>server-3');
    }
    if (t % 40 === 0) send(t, 'client-1', 'lb', 'request', { path: '/cart', user: 'ada' });
    if (t % 50 === 20) send(t, 'client-2', 'lb', 'request', { path: '/search?q=raft', user: 'grace' });
    if (t % 40 === 10 || t % 50 === 30) {
      const target = `server-${(rr++ % 3) + 1}`;
      send(t, 'lb', target, 'forward', { path: '/cart', hop: 1 });
      const i = Number(target.slice(-1)) - 1;
      if (!down.has(target) && !blocked.has(`lb>${target}`)) {
        handled = handled.map((h, k) => (k === i ? h + 1 : h));
        send(t + 30, target, 'lb', 'forward_ok', { status: 200, served: handled[i] ?? 0 });
        q.push({
          t: t + 30,
          kind: 'state',
          node: target,
          state: { served: handled[i] ?? 0, cache: { '/cart': { hits: handled[i] ?? 0 } } },
        });
        q.push({
          t: t + 30,
          kind: 'log',
          node: target,
          level: 'info',
          text: `served /cart (#${handled[i]})`,
        });
      }
    }
    if (t % 100 === 0) {
      for (const [k, id] of ['server-1', 'server-2', 'server-3'].entries()) {
        if (!down.has(id))
          q.push({
            t,
            kind: 'metric',
            node: id,
            name: 'queue',
            value: Math.round(3 + 4 * Math.sin(t / 300 + k) + rand() * 3),
          });
      }
      q.push({
        t,
        kind: 'metric',
        node: 'lb',
        name: 'latency_ms',
        value: Math.round(30 + rand() * 25 + (down.size ? 40 : 0)),
      });
    }
    if (t === 650)
      q.push({ t, kind: 'log', node: 'lb', level: 'warn', text: 'server-2 timed out; retrying on server-3' });
    if (t === 860)
      q.push({
        t,
        kind: 'error',
        node: 'lb',
        message: "TypeError: cannot read 'healthy' of undefined",
        where: { file: 'roles/lb.ts', line: 42, column: 17 },
      });
  }
  q.push({
    t: 0,
    kind: 'state',
    node: 'lb',
    state: { next: 0, healthy: ['server-1', 'server-2', 'server-3'], retries: 0 },
  });
  q.push({
    t: 5,
    kind: 'storage',
    node: 'server-1',
    key: 'config',
    value: { version: 3, region: 'eu-west' },
  });
  q.push({ t: 700, kind: 'skew', node: 'server-3', offsetMs: 25 });
  // Stable sort by time: the kernel's trace is in virtual-time order.
  return q
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].t - b[0].t || a[1] - b[1])
    .map(([e]) => e);
}
