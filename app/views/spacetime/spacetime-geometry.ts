/**
 * Where things sit on the diagram: lanes across, virtual time down. Shared by the drawing and by the
 * pointer's hit-testing, so what the learner hovers is exactly what was drawn. Pure math, no DOM.
 */
import type { NodeId } from '../../../workers/kernel/protocol';
import type { Arrow, Mark } from './spacetime-model';

/** Left gutter for the time axis, and padding so marks at the edges are not clipped. */
export const GUTTER = 64;
export const PAD_RIGHT = 14;
export const PAD_TOP = 14;

export interface Lane {
  id: NodeId;
  role: string;
  /** Index of the role in the role order: the lane's colour is --role-k. */
  roleIndex: number;
  x: number;
  /** When the node was born (spawned); 0 for nodes of the scenario. */
  born: number;
}

/** The visible window of time: `top` (ms) sits at y = PAD_TOP, and `k` px per ms. */
export interface Viewport {
  top: number;
  k: number;
  height: number;
}

export const yOf = (vp: Viewport, t: number): number => PAD_TOP + (t - vp.top) * vp.k;
export const tOf = (vp: Viewport, y: number): number => vp.top + (y - PAD_TOP) / vp.k;
/** The time range on screen (with a margin so arrowheads and dots at the edges still draw). */
export const visibleRange = (vp: Viewport): [number, number] => [tOf(vp, -8), tOf(vp, vp.height + 8)];

/**
 * Lanes in the graph's order: roles in the given order (unknown roles after, by first node), then the
 * given order within a role. Nodes the trace spawned but the caller does not list yet get a lane too.
 */
export function layoutLanes(
  nodes: readonly { id: NodeId; role: string }[],
  roles: readonly string[],
  spawned: ReadonlyMap<NodeId, { role: string; t: number }>,
  width: number,
): Lane[] {
  const all = [...nodes];
  for (const [id, s] of spawned) if (!all.some((n) => n.id === id)) all.push({ id, role: s.role });
  const order = [...roles];
  for (const n of all) if (!order.includes(n.role)) order.push(n.role);
  const sorted = all
    .map((n, i) => ({ n, i, r: order.indexOf(n.role) }))
    .sort((a, b) => a.r - b.r || a.i - b.i);
  const step = (width - GUTTER - PAD_RIGHT) / Math.max(1, sorted.length);
  return sorted.map(({ n, r }, i) => ({
    id: n.id,
    role: n.role,
    roleIndex: r,
    x: Math.round(GUTTER + (i + 0.5) * step) + 0.5,
    born: spawned.get(n.id)?.t ?? 0,
  }));
}

export type Head = 'arrow' | 'cross' | 'dot';

/** An arrow as drawn at cursor t: a straight segment (or a loop, to itself) and what ends it. */
export interface ArrowShape {
  a: Arrow;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  head: Head;
  self: boolean;
}

/** Length (px) of the stub drawn for a message dropped the moment it was sent. */
const STUB = 22;

/**
 * The shape of arrow `a` at cursor t, or null when it is not sent yet or touches a node without a lane.
 * In flight at t, it stops where the message is at t (its true slope, from the end the trace knows).
 */
export function arrowShape(
  a: Arrow,
  lanes: ReadonlyMap<NodeId, Lane>,
  vp: Viewport,
  t: number,
  typical: number,
): ArrowShape | null {
  if (a.t0 > t) return null;
  const from = lanes.get(a.from);
  const to = lanes.get(a.to);
  if (!from || !to) return null;
  const x0 = from.x;
  const y0 = yOf(vp, a.t0);
  const self = a.from === a.to;
  if (a.fate === 'dropped' && a.t1 !== null && a.t1 <= a.t0 && a.t1 <= t) {
    // Lost at send: a short stub towards the receiver, crossed out.
    const dir = to.x >= from.x ? 1 : -1;
    const len = Math.min(STUB, Math.abs(to.x - from.x) * 0.4 || STUB);
    return { a, x0, y0, x1: x0 + dir * len, y1: y0 + len * 0.25, head: 'cross', self: false };
  }
  // Unknown end: guess one typical latency ahead, so the partial line has a plausible slope.
  const end = a.t1 ?? Math.max(t, a.t0 + Math.max(typical, 1));
  if (end <= t) {
    return { a, x0, y0, x1: to.x, y1: yOf(vp, end), head: a.fate === 'dropped' ? 'cross' : 'arrow', self };
  }
  const f = end > a.t0 ? (t - a.t0) / (end - a.t0) : 1;
  return { a, x0, y0, x1: x0 + (to.x - x0) * f, y1: yOf(vp, t), head: 'dot', self };
}

/** Horizontal reach (px) of a message a node sends itself. */
export const LOOP = 18;

/** Squared distance from (px, py) to the drawn shape. */
export function distance2(s: ArrowShape, px: number, py: number): number {
  if (s.self) return seg2(px, py, s.x0 + LOOP * 0.75, s.y0, s.x1 + LOOP * 0.75, s.y1);
  return seg2(px, py, s.x0, s.y0, s.x1, s.y1);
}

function seg2(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const l2 = dx * dx + dy * dy;
  const u = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / l2));
  const ex = x0 + u * dx - px;
  const ey = y0 + u * dy - py;
  return ex * ex + ey * ey;
}

/** Where a mark is drawn: timers and logs sit just right of the lifeline, clear of arrowheads. */
export function markPoint(m: Mark, lane: Lane, vp: Viewport): { x: number; y: number } {
  const dx = m.kind === 'log' ? 6 : m.kind === 'timer' ? -5 : 0;
  return { x: lane.x + dx, y: yOf(vp, m.t) };
}
