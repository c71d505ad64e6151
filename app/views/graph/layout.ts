/**
 * Where nodes sit. Several roles: one column per role, left to right in the scenario's role order (clients
 * first, servers and stores to the right), so a request reads left to right. One role: a circle of peers.
 * A spawned node takes the next slot of its own column, so only that column moves. A column that needs
 * sub-columns (more nodes than fit one above the other) gets a wider band, in proportion, so its labels do
 * not pile up while the one-node columns beside it keep only what they need.
 */
import { scalePoint } from 'd3';
import type { NodeViewState } from '../../trace';

export interface NodePlace {
  x: number;
  y: number;
  r: number;
  /** Column of the node (-1 in the circle layout): links within one column are drawn bent. */
  column: number;
}

export type Layout = Map<string, NodePlace>;

const PAD = { top: 28, right: 24, bottom: 44, left: 24 };

/** Role order for colours and columns: the given roles first, then any other role, by first node. */
export function roleOrder(roles: readonly string[], nodes: readonly NodeViewState[]): string[] {
  const out = [...roles];
  for (const n of nodes) if (!out.includes(n.role)) out.push(n.role);
  return out;
}

export function computeLayout(
  nodes: readonly NodeViewState[],
  roles: readonly string[],
  width: number,
  height: number,
): Layout {
  const layout: Layout = new Map();
  if (nodes.length === 0 || width <= 0 || height <= 0) return layout;
  const present = roles.filter((r) => nodes.some((n) => n.role === r));
  if (present.length <= 1) return circle(nodes, width, height);

  const innerH = height - PAD.top - PAD.bottom;
  // Wrap a tall column into sub-columns so nodes never get closer than ~34 px.
  const perCol = Math.max(1, Math.floor(innerH / 34));
  const columns = present.map((role) => {
    const members = nodes.filter((n) => n.role === role);
    return { role, members, subCols: Math.ceil(members.length / perCol) };
  });
  const bands = bandsFor(
    columns.map((c) => c.subCols),
    PAD.left,
    width - PAD.right,
    0.1,
  );
  for (const [c, { members, subCols }] of columns.entries()) {
    const rows = Math.ceil(members.length / subCols);
    const { x0, bandwidth } = bands[c]!;
    const xs = scalePoint<number>()
      .domain(range(subCols))
      .range([x0, x0 + bandwidth])
      .padding(0.5);
    const ys = scalePoint<number>()
      .domain(range(rows))
      .range([PAD.top, PAD.top + innerH])
      .padding(rows === 1 ? 0.5 : 0.6);
    const step = Math.min(rows > 1 ? ys.step() : innerH, subCols > 1 ? xs.step() : bandwidth);
    const r = clamp(step * 0.28, 7, 20);
    members.forEach((n, k) => {
      const sub = Math.floor(k / rows);
      const row = k % rows;
      // Stagger sub-columns half a row so labels of neighbours do not line up and collide.
      const stagger = subCols > 1 && sub % 2 === 1 ? Math.min(ys.step() * 0.5, 14) : 0;
      layout.set(n.id, { x: xs(sub) ?? x0, y: (ys(row) ?? 0) + stagger, r, column: c });
    });
  }
  return layout;
}

/**
 * Bands side by side over [from, to], each as wide as its weight says (a column's sub-columns), with gaps
 * of `paddingInner` of the mean band between them, as d3's scaleBand gives equal ones.
 */
export function bandsFor(
  weights: readonly number[],
  from: number,
  to: number,
  paddingInner: number,
): { x0: number; bandwidth: number }[] {
  const n = weights.length;
  const total = weights.reduce((a, w) => a + Math.max(1, w), 0);
  const span = to - from;
  const gap = n > 1 ? (span * paddingInner) / (n - paddingInner) : 0;
  const unit = (span - gap * (n - 1)) / total;
  let x = from;
  return weights.map((w) => {
    const bandwidth = unit * Math.max(1, w);
    const band = { x0: x, bandwidth };
    x += bandwidth + gap;
    return band;
  });
}

function circle(nodes: readonly NodeViewState[], width: number, height: number): Layout {
  const layout: Layout = new Map();
  const cx = width / 2;
  const cy = PAD.top + (height - PAD.top - PAD.bottom) / 2;
  const R = Math.max(10, Math.min(width - PAD.left - PAD.right, height - PAD.top - PAD.bottom) / 2 - 24);
  const n = nodes.length;
  const r = n === 1 ? 20 : clamp(((2 * Math.PI * R) / n) * 0.28, 7, 20);
  nodes.forEach((node, k) => {
    // Start at the top (-90deg) and go clockwise, so the first node is where the eye starts.
    const a = -Math.PI / 2 + (2 * Math.PI * k) / n;
    layout.set(node.id, {
      x: n === 1 ? cx : cx + R * Math.cos(a),
      y: n === 1 ? cy : cy + R * Math.sin(a),
      r,
      column: -1,
    });
  });
  return layout;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));
