/**
 * Following one client request through the trace: the calls the gateway made for it, and the replica reply
 * its answer came from. Shared by the checks of the lesson and of its steps. Nothing here reads a field the
 * gateway writes about itself: calls are matched to a request by key and time (each key has one client,
 * which sends one request at a time), answers to replica replies by value.
 */
import { deliveries, deliveriesOf, exchanges, outages, repliesTo, sends } from '@playground/scenario';
import type { Exchange, Json, Message, Outage, RunResult, Send } from '@playground/scenario';

/** The client gives up on a request after this long (see roles/client.ts). */
export const CLIENT_TIMEOUT_MS = 1500;
/** The reference's timeout for a call to a replica: a call not answered by then kept a request waiting. */
export const CALL_TIMEOUT_MS = 150;
/** The reference's cool-down before a circuit lets one probe through. */
export const COOL_DOWN_MS = 800;

export const isReplica = (id: string) => id.startsWith('replica-');
/** The pair of replicas that hold a shard: replica-1 and -2, replica-3 and -4. */
export const shardOfReplica = (id: string) => Math.ceil(Number(id.split('-').pop()) / 2);

export function field(body: Json | undefined, name: string): Json | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body[name] : undefined;
}

/** A replica's reply to one of the gateway's calls, as it reached the gateway. */
export interface Reached {
  call: Send;
  reply: Message;
  at: number;
}

/** One client request, followed through the gateway. */
export interface Request {
  x: Exchange;
  client: string;
  op: 'get' | 'put';
  key: string;
  /** For a put: the value written. */
  value?: string;
  /** Answered with the store's answer (not an error) within the client's timeout. */
  ok: boolean;
  /** When the gateway got it, and when it answered (or the client gave up). */
  from: number;
  to: number;
  /** The gateway's calls to replicas for this request, in order. */
  calls: Send[];
  /** Replica replies to those calls that reached the gateway before it answered. */
  reached: Reached[];
}

const cache = new WeakMap<object, Request[]>();

export function requests(run: RunResult): Request[] {
  const cached = cache.get(run.trace);
  if (cached) return cached;
  const callsByKey = new Map<string, Send[]>();
  for (const s of sends(run, { type: ['get', 'put'], from: 'gateway', to: isReplica })) {
    const key = String(field(s.message.body, 'key'));
    callsByKey.set(key, [...(callsByKey.get(key) ?? []), s]);
  }
  const out: Request[] = [];
  for (const x of exchanges(run, { type: ['get', 'put'], to: 'gateway' })) {
    const op = x.request.type as 'get' | 'put';
    const key = String(field(x.request.body, 'key'));
    const from = deliveriesOf(run, x.request.id)[0]?.t ?? x.sentAt;
    const reply = x.replies[0];
    const to = reply ? reply.sentAt : x.sentAt + CLIENT_TIMEOUT_MS;
    const calls = (callsByKey.get(key) ?? []).filter(
      (c) => c.t >= from && c.t <= to && c.message.type === op,
    );
    const reached: Reached[] = [];
    for (const call of calls) {
      for (const r of repliesTo(run, call.message.id)) {
        const d = deliveriesOf(run, r.id).find((d) => d.node === 'gateway' && d.t <= to);
        if (d) reached.push({ call, reply: r, at: d.t });
      }
    }
    const answer = x.answer?.message;
    const value = field(x.request.body, 'value');
    out.push({
      x,
      client: x.request.from,
      op,
      key,
      ...(typeof value === 'string' ? { value } : {}),
      ok:
        answer !== undefined &&
        answer.type === `${op}_ok` &&
        field(answer.body, 'error') === undefined &&
        (x.latency ?? Infinity) <= CLIENT_TIMEOUT_MS,
      from,
      to,
      calls,
      reached,
    });
  }
  cache.set(run.trace, out);
  return out;
}

/** The calls the gateway made to replicas (for any request), with whether each was answered in time. */
const callCache = new WeakMap<object, Exchange[]>();
export function calls(run: RunResult): Exchange[] {
  let list = callCache.get(run.trace);
  if (!list) {
    list = exchanges(run, { type: ['get', 'put'], from: 'gateway', to: isReplica });
    callCache.set(run.trace, list);
  }
  return list;
}

/**
 * When each replica could not serve the gateway: crashed, paused, or cut off from it. Overlapping outages of
 * one replica are merged.
 */
export function quiet(run: RunResult): Outage[] {
  const byNode = new Map<string, Outage[]>();
  for (const o of outages(run)) {
    if (!isReplica(o.node) || o.kind === 'stop') continue;
    if (o.kind === 'partition' && o.peer !== 'gateway') continue;
    const list = byNode.get(o.node) ?? [];
    const last = list[list.length - 1];
    if (last && o.from <= last.to) last.to = Math.max(last.to, o.to);
    else list.push({ ...o });
    byNode.set(o.node, list);
  }
  return [...byNode.values()].flat().sort((a, b) => a.from - b.from);
}

/** The last client request's send time: goals about "later" stop there. */
export function lastRequestAt(run: RunResult): number {
  return Math.max(0, ...deliveries(run, { to: 'gateway', type: ['get', 'put'] }).map((d) => d.t));
}
