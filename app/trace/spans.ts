/**
 * Trace spans from a run's messages, for the waterfall view. A span is one call: a request (a sent message
 * that is not a reply) carrying a trace context (`message.trace`). It starts when the caller sends it, the
 * callee gets it at `arrived`, and it ends when a reply (`inReplyTo` its id) reaches the caller. The spans
 * of a traceId form a tree by `parentSpanId`; what breaks the tree (two roots, a parent nobody sent, a
 * spanId used twice) is said, since that is what the tracing lesson teaches. Pure: no React, no DOM.
 */
import type { MessageId, NodeId, TraceEvent } from '../../workers/kernel/protocol';

export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  messageId: MessageId;
  from: NodeId;
  to: NodeId;
  type: string;
  start: number;
  /** The callee got the request (first copy). */
  arrived?: number;
  /** A reply reached the caller (first one). Undefined: no answer (yet). */
  end?: number;
  /** The first reply's body has an `error` field. */
  error?: boolean;
  /** Depth in its trace's tree (a root is 0). */
  depth: number;
}

export interface TraceTree {
  traceId: string;
  /** Depth-first, children by start time. */
  spans: Span[];
  start: number;
  /** When its last span ended; undefined while a span has no answer. */
  end?: number;
  /** What makes it not one tree with valid parents (empty when it is). */
  problems: string[];
}

const hasError = (body: unknown) =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && 'error' in body;

/** Every trace of the run, by the start of its first span. */
export function traceTrees(events: readonly TraceEvent[]): TraceTree[] {
  const byMessage = new Map<MessageId, Span>();
  const replies = new Map<MessageId, { span: Span; error: boolean }>();
  for (const e of events) {
    if (e.kind === 'send') {
      const m = e.message;
      if (m.inReplyTo !== undefined) {
        const span = byMessage.get(m.inReplyTo);
        if (span && !replies.has(m.id)) replies.set(m.id, { span, error: hasError(m.body) });
      } else if (m.trace) {
        byMessage.set(m.id, {
          traceId: m.trace.traceId,
          spanId: m.trace.spanId,
          ...(m.trace.parentSpanId !== undefined ? { parentSpanId: m.trace.parentSpanId } : {}),
          messageId: m.id,
          from: m.from,
          to: m.to,
          type: m.type,
          start: e.t,
          depth: 0,
        });
      }
    } else if (e.kind === 'deliver') {
      const request = byMessage.get(e.messageId);
      if (request && request.arrived === undefined && e.node === request.to) request.arrived = e.t;
      const reply = replies.get(e.messageId);
      if (reply && reply.span.end === undefined && e.node === reply.span.from) {
        reply.span.end = e.t;
        if (reply.error) reply.span.error = true;
      }
    }
  }
  const byTrace = new Map<string, Span[]>();
  for (const span of byMessage.values()) {
    const list = byTrace.get(span.traceId) ?? [];
    list.push(span);
    byTrace.set(span.traceId, list);
  }
  return [...byTrace.entries()].map(([traceId, spans]) => buildTree(traceId, spans));
}

function buildTree(traceId: string, spans: Span[]): TraceTree {
  const problems: string[] = [];
  const bySpanId = new Map<string, Span>();
  for (const s of spans) {
    if (bySpanId.has(s.spanId)) problems.push(`span ${s.spanId} is used by more than one call`);
    else bySpanId.set(s.spanId, s);
  }
  const children = new Map<Span, Span[]>();
  const roots: Span[] = [];
  for (const s of spans) {
    const parent = s.parentSpanId === undefined ? undefined : bySpanId.get(s.parentSpanId);
    if (parent && parent !== s) children.set(parent, [...(children.get(parent) ?? []), s]);
    else {
      if (s.parentSpanId !== undefined)
        problems.push(`${s.type} from ${s.from}: its parent ${s.parentSpanId} was never sent`);
      roots.push(s);
    }
  }
  if (roots.filter((r) => r.parentSpanId === undefined).length > 1)
    problems.push('it has more than one root');
  const ordered: Span[] = [];
  const visit = (s: Span, depth: number) => {
    s.depth = depth;
    ordered.push(s);
    for (const c of (children.get(s) ?? []).sort((a, b) => a.start - b.start)) visit(c, depth + 1);
  };
  for (const r of roots.sort((a, b) => a.start - b.start)) visit(r, 0);
  const start = Math.min(...spans.map((s) => s.start));
  const open = spans.some((s) => s.end === undefined);
  const out: TraceTree = { traceId, spans: ordered, start, problems };
  if (!open) out.end = Math.max(...spans.map((s) => s.end!));
  return out;
}

/** The traces as they stood at virtual time t: later spans, arrivals and answers are not there yet. */
export function treesAt(trees: readonly TraceTree[], t: number): TraceTree[] {
  return trees.flatMap((tree) => {
    if (tree.start > t) return [];
    if (tree.end !== undefined && tree.end <= t) return [tree];
    const spans = tree.spans
      .filter((s) => s.start <= t)
      .map((s) => {
        const { arrived, end, error, ...rest } = s;
        return {
          ...rest,
          ...(arrived !== undefined && arrived <= t ? { arrived } : {}),
          ...(end !== undefined && end <= t ? { end, ...(error ? { error } : {}) } : {}),
        };
      });
    return [buildTree(tree.traceId, spans)];
  });
}

/** How long a finished trace took; undefined while it is open. */
export const duration = (tree: TraceTree) => (tree.end === undefined ? undefined : tree.end - tree.start);

/** The traceIds of the slowest tenth of the finished traces (at least 10 of them, else none). */
export function slowTraces(trees: readonly TraceTree[]): Set<string> {
  const done = trees.flatMap((t) => (t.end === undefined ? [] : [{ id: t.traceId, d: t.end - t.start }]));
  if (done.length < 10) return new Set();
  const sorted = done.map((x) => x.d).sort((a, b) => a - b);
  const cut = sorted[Math.floor(sorted.length * 0.9)]!;
  return new Set(done.filter((x) => x.d >= cut && x.d > sorted[0]!).map((x) => x.id));
}
