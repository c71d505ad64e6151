/**
 * Link curves and positions along them. A link is a quadratic Bezier shared by both directions; each
 * direction travels in its own lane (offset to its right), so a request and its reply never overlap.
 */
import type { NodePlace } from './layout';

export interface Pt {
  x: number;
  y: number;
}

export interface Curve {
  p0: Pt;
  c: Pt;
  p1: Pt;
}

/** The curve from a to b. Same-column links bow out (else they would run through the nodes between). */
export function linkCurve(a: NodePlace, b: NodePlace): Curve {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const sameColumn = a.column >= 0 && a.column === b.column;
  const skips = a.column >= 0 && b.column >= 0 && Math.abs(a.column - b.column) > 1;
  const bend = sameColumn ? len * 0.35 : skips ? len * 0.12 : 0;
  // Bow towards a fixed side of the canonical (left-to-right, top-to-bottom) direction, so a->b == b->a.
  const flip = a.x < b.x || (a.x === b.x && a.y < b.y) ? 1 : -1;
  const nx = (-dy / len) * flip;
  const ny = (dx / len) * flip;
  return {
    p0: { x: a.x, y: a.y },
    c: { x: (a.x + b.x) / 2 + nx * bend, y: (a.y + b.y) / 2 + ny * bend },
    p1: { x: b.x, y: b.y },
  };
}

export function curvePath(k: Curve): string {
  return `M${k.p0.x},${k.p0.y}Q${k.c.x},${k.c.y} ${k.p1.x},${k.p1.y}`;
}

export function pointAt(k: Curve, s: number): Pt {
  const u = 1 - s;
  return {
    x: u * u * k.p0.x + 2 * u * s * k.c.x + s * s * k.p1.x,
    y: u * u * k.p0.y + 2 * u * s * k.c.y + s * s * k.p1.y,
  };
}

/** Unit normal to the right of the travel direction at s. */
export function normalAt(k: Curve, s: number): Pt {
  const tx = 2 * (1 - s) * (k.c.x - k.p0.x) + 2 * s * (k.p1.x - k.c.x);
  const ty = 2 * (1 - s) * (k.c.y - k.p0.y) + 2 * s * (k.p1.y - k.c.y);
  const len = Math.hypot(tx, ty) || 1;
  return { x: -ty / len, y: tx / len };
}

/** A point at s along from->to, in that direction's lane, with the ends pulled back to the node rims. */
export function lanePoint(from: NodePlace, to: NodePlace, s: number, lane: number): Pt {
  const k = linkCurve(from, to);
  const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  const s0 = Math.min(0.45, (from.r + 2) / len);
  const s1 = Math.max(0.55, 1 - (to.r + 2) / len);
  const ss = s0 + (s1 - s0) * s;
  const p = pointAt(k, ss);
  const n = normalAt(k, ss);
  return { x: p.x + n.x * lane, y: p.y + n.y * lane };
}
