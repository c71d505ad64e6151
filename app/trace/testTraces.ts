/** Hand-made traces for the trace-layer tests (and the views' preview). */
import type { NodeView } from '../../workers/host/control-api';
import type { Json, NodeId, TraceEvent } from '../../workers/kernel/protocol';

export const node = (id: NodeId, role: string, index: number): NodeView => ({
  id,
  role,
  index,
  status: 'up',
});

let counter = 0;
/** A send event; ids count per call, which is all the tests need. */
export function send(
  t: number,
  from: NodeId,
  to: NodeId,
  type: string,
  body: Json = {},
  id?: string,
): TraceEvent {
  return {
    t,
    kind: 'send',
    node: from,
    message: { id: id ?? `${from}#${++counter}`, from, to, type, body, sentAt: t },
  };
}

export function deliver(t: number, e: TraceEvent): TraceEvent {
  if (e.kind !== 'send') throw new Error('deliver() needs a send event');
  const m = e.message;
  return { t, kind: 'deliver', node: m.to, messageId: m.id, from: m.from, type: m.type };
}

export function drop(
  t: number,
  e: TraceEvent,
  reason: 'loss' | 'partition' | 'crashed' | 'stopped',
): TraceEvent {
  if (e.kind !== 'send') throw new Error('drop() needs a send event');
  const m = e.message;
  return { t, kind: 'drop', node: m.to, messageId: m.id, from: m.from, to: m.to, type: m.type, reason };
}

/** A deterministic trace of `n` events over `ids`, exercising every event kind (a tiny LCG, fixed seed). */
export function syntheticTrace(ids: NodeId[], n: number, seed = 7): TraceEvent[] {
  let s = seed >>> 0;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const out: TraceEvent[] = [];
  const pending: { at: number; send: TraceEvent; dup: boolean }[] = [];
  let t = 0;
  let seq = 0;
  while (out.length < n) {
    t += Math.floor(rand() * 3);
    // Land what is due first, so the trace stays in time order.
    pending.sort((a, b) => a.at - b.at);
    while (pending[0] && pending[0].at <= t) {
      const p = pending.shift() as (typeof pending)[number];
      out.push(rand() < 0.1 ? drop(p.at, p.send, 'crashed') : deliver(p.at, p.send));
    }
    const a = pick(ids);
    const b = pick(ids.filter((x) => x !== a));
    const r = rand();
    if (r < 0.45) {
      const e = send(t, a, b, pick(['ping', 'pong', 'put', 'get_ok']), { n: seq }, `${a}#${++seq}`);
      out.push(e);
      if (rand() < 0.1) out.push(drop(t, e, 'loss'));
      else {
        pending.push({ at: t + 1 + Math.floor(rand() * 40), send: e, dup: false });
        if (rand() < 0.08) {
          out.push({ t, kind: 'duplicate', node: a, messageId: `${a}#${seq}`, to: b });
          pending.push({ at: t + 5 + Math.floor(rand() * 60), send: e, dup: true });
        }
      }
    } else if (r < 0.6)
      out.push({ t, kind: 'log', node: a, level: pick(['info', 'warn', 'error']), text: `l${t}` });
    else if (r < 0.7) out.push({ t, kind: 'state', node: a, state: { v: t } });
    else if (r < 0.78) out.push({ t, kind: 'metric', node: a, name: pick(['qps', 'lag']), value: t % 17 });
    else if (r < 0.82)
      out.push({ t, kind: 'storage', node: a, key: pick(['k1', 'k2']), value: rand() < 0.3 ? undefined : t });
    else if (r < 0.85) out.push({ t, kind: 'crash', node: a, reason: 'fault' });
    else if (r < 0.88) out.push({ t, kind: 'restart', node: a, incarnation: 1 });
    else if (r < 0.9) out.push({ t, kind: 'pause', node: a });
    else if (r < 0.92) out.push({ t, kind: 'resume', node: a });
    else if (r < 0.94)
      out.push({ t, kind: 'partition', from: a, to: b, direction: pick(['both', 'one-way']) });
    else if (r < 0.96) out.push({ t, kind: 'heal', from: a, to: b, direction: pick(['both', 'one-way']) });
    else if (r < 0.97) out.push({ t, kind: 'link', from: a, to: b, spec: { loss: rand() } });
    else if (r < 0.98) out.push({ t, kind: 'skew', node: a, offsetMs: Math.floor(rand() * 100) });
    else if (r < 0.99)
      out.push({ t, kind: 'error', node: a, message: 'boom', where: { file: 'roles/x.ts', line: 3 } });
    else out.push({ t, kind: 'spawn', node: `w-${t}`, role: 'worker' });
  }
  return out;
}
