/**
 * Draws the diagram on a canvas: thousands of arrows redraw every frame of playback, which SVG + React
 * would reconcile one element at a time. Only what is on screen and at or before the cursor is drawn;
 * arrows are batched per colour (one stroke per type) so the cost is a few state changes, not thousands.
 */
import { ticks } from 'd3';
import type { NodeId } from '../../../workers/kernel/protocol';
import { formatMs } from '../../format/time';
import { drawArrows, drawMarks } from './spacetime-arrows';
import { GUTTER, yOf, type ArrowShape, type Lane, type Viewport } from './spacetime-geometry';
import type { Band, Mark, Span } from './spacetime-model';
import type { StPalette } from './useStPalette';

export interface Scene {
  width: number;
  height: number;
  dpr: number;
  lanes: readonly Lane[];
  laneById: ReadonlyMap<NodeId, Lane>;
  vp: Viewport;
  t: number;
  shapes: readonly ArrowShape[];
  marks: readonly Mark[];
  down: readonly Span[];
  paused: readonly Span[];
  bands: readonly Band[];
  palette: StPalette;
  types: readonly string[];
  selected?: NodeId;
  hovered: ArrowShape | null;
  hoveredMark: Mark | null;
}

export function drawScene(ctx: CanvasRenderingContext2D, s: Scene): void {
  const { width, height, dpr, vp, palette: p } = s;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const yCursor = Math.round(yOf(vp, s.t)) + 0.5;
  drawGrid(ctx, s, yCursor);
  // The future: a faint wash, so the empty space below the cursor reads as "not yet", not "nothing".
  if (yCursor < height) {
    ctx.globalAlpha = 0.45;
    ctx.fillStyle = p.bg;
    ctx.fillRect(GUTTER, Math.max(0, yCursor), width - GUTTER, height);
    ctx.globalAlpha = 1;
  }
  for (const b of s.bands) drawBand(ctx, s, b);
  for (const lane of s.lanes) drawLifeline(ctx, s, lane);
  drawArrows(ctx, s);
  drawMarks(ctx, s);
  for (const b of s.bands) labelBand(ctx, s, b);
  drawCursor(ctx, s, yCursor);
}

/** Clip a [t0, t1) stretch to the cursor and the screen; null when nothing of it shows. */
function stretch(s: Scene, t0: number, t1: number | null): [number, number] | null {
  const y0 = Math.max(-2, yOf(s.vp, t0));
  const y1 = Math.min(s.height + 2, yOf(s.vp, Math.min(t1 ?? s.t, s.t)));
  return y1 > y0 ? [y0, y1] : null;
}

function drawGrid(ctx: CanvasRenderingContext2D, s: Scene, yCursor: number): void {
  const { vp, height, width, palette: p } = s;
  const t0 = vp.top;
  const t1 = vp.top + height / vp.k;
  ctx.font = '10.5px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 1;
  for (const v of ticks(Math.max(0, t0), t1, Math.max(2, Math.floor(height / 70)))) {
    const y = Math.round(yOf(vp, v)) + 0.5;
    ctx.strokeStyle = p.border;
    ctx.beginPath();
    ctx.moveTo(GUTTER - 4, y);
    ctx.lineTo(width, y);
    ctx.stroke();
    ctx.fillStyle = p.muted;
    // The cursor's own pill says the time there; a tick label under it would only smudge it.
    if (Math.abs(y - yCursor) > 14) ctx.fillText(formatMs(v, t1 >= 10_000), GUTTER - 8, y);
  }
}

function drawBand(ctx: CanvasRenderingContext2D, s: Scene, b: Band): void {
  const la = s.laneById.get(b.a);
  const lb = s.laneById.get(b.b);
  const ys = stretch(s, b.t0, b.t1);
  if (!la || !lb || !ys) return;
  const [y0, y1] = ys;
  const x0 = Math.min(la.x, lb.x);
  const x1 = Math.max(la.x, lb.x);
  ctx.fillStyle = s.palette.danger;
  ctx.globalAlpha = 0.07;
  ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
  // The cut edges, on both lifelines; a one-way cut shows which way it blocks at the band's start.
  ctx.globalAlpha = 0.55;
  ctx.strokeStyle = s.palette.danger;
  ctx.setLineDash([2, 3]);
  ctx.lineWidth = 1;
  ctx.strokeRect(x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1);
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

/** A band's label, drawn over the arrows (with a halo) so the messages crossing it never blot it out. */
function labelBand(ctx: CanvasRenderingContext2D, s: Scene, b: Band): void {
  const la = s.laneById.get(b.a);
  const lb = s.laneById.get(b.b);
  const ys = stretch(s, b.t0, b.t1);
  // Sticky: a band that began above the view keeps its label at the top edge.
  if (!la || !lb || !ys || ys[1] - ys[0] < 18) return;
  const [x0, x1] = la.x < lb.x ? [la.x, lb.x] : [lb.x, la.x];
  const [left, right] = la.x < lb.x ? [b.a, b.b] : [b.b, b.a];
  const rightward = (b.ab && la.x < lb.x) || (b.ba && lb.x < la.x);
  const arrow = b.ab !== b.ba ? (rightward ? '↛' : '↚') : '↮';
  ctx.font = '600 10.5px system-ui, sans-serif';
  const full = `partition ${left} ${arrow} ${right}`;
  const label = ctx.measureText(full).width < x1 - x0 - 12 ? full : `partition ${arrow}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3;
  ctx.strokeStyle = s.palette.panel;
  ctx.strokeText(label, (x0 + x1) / 2, ys[0] + 5);
  ctx.fillStyle = s.palette.danger;
  ctx.fillText(label, (x0 + x1) / 2, ys[0] + 5);
}

function drawLifeline(ctx: CanvasRenderingContext2D, s: Scene, lane: Lane): void {
  const p = s.palette;
  const { x } = lane;
  const colour = p.roles[lane.roleIndex % p.roles.length] ?? p.muted;
  const selected = lane.id === s.selected;
  const downs = s.down.filter((d) => d.node === lane.id);
  // The whole lane faint (it goes on into the future), then the past solid, minus the down stretches.
  ctx.strokeStyle = colour;
  ctx.lineWidth = selected ? 2.5 : 1.5;
  ctx.globalAlpha = 0.2;
  line(ctx, x, Math.max(0, yOf(s.vp, lane.born)), x, s.height);
  ctx.globalAlpha = selected ? 0.95 : 0.6;
  const up = (t0: number, t1: number) => {
    const ys = stretch(s, t0, t1);
    if (ys) line(ctx, x, ys[0], x, ys[1]);
  };
  let from = lane.born;
  for (const d of downs) {
    if (d.t0 > from) up(from, d.t0);
    from = d.t1 ?? Infinity;
  }
  if (from < s.t) up(from, s.t);
  for (const d of downs) drawDown(ctx, s, x, d);
  for (const q of s.paused) if (q.node === lane.id) drawPause(ctx, s, x, q);
  ctx.globalAlpha = 1;
}

function drawDown(ctx: CanvasRenderingContext2D, s: Scene, x: number, d: Span): void {
  const ys = stretch(s, d.t0, d.t1);
  if (!ys) return;
  const [y0, y1] = ys;
  const p = s.palette;
  ctx.globalAlpha = 0.16;
  ctx.fillStyle = p.danger;
  ctx.fillRect(x - 4, y0, 8, y1 - y0);
  ctx.globalAlpha = 0.85;
  ctx.strokeStyle = p.danger;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([4, 4]);
  line(ctx, x, y0, x, y1);
  ctx.setLineDash([]);
  ctx.lineWidth = 2.5;
  ctx.globalAlpha = 1;
  if (yOf(s.vp, d.t0) >= -4) line(ctx, x - 8, y0, x + 8, y0);
  if (d.t1 !== null && d.t1 <= s.t && d.why !== 'stopped') {
    ctx.strokeStyle = p.ok;
    line(ctx, x - 8, y1, x + 8, y1);
  }
}

function drawPause(ctx: CanvasRenderingContext2D, s: Scene, x: number, q: Span): void {
  const ys = stretch(s, q.t0, q.t1);
  if (!ys) return;
  const [y0, y1] = ys;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x - 5, y0, 10, y1 - y0);
  ctx.clip();
  ctx.fillStyle = s.palette.panel;
  ctx.fillRect(x - 5, y0, 10, y1 - y0);
  ctx.strokeStyle = s.palette.muted;
  ctx.globalAlpha = 0.8;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let yy = y0 - 10; yy < y1 + 10; yy += 5) {
    ctx.moveTo(x - 5, yy + 10);
    ctx.lineTo(x + 5, yy);
  }
  ctx.stroke();
  ctx.restore();
  ctx.strokeStyle = s.palette.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(x - 5 + 0.5, y0, 9, y1 - y0);
}

function drawCursor(ctx: CanvasRenderingContext2D, s: Scene, y: number): void {
  if (y < -1 || y > s.height + 1) return;
  const p = s.palette;
  ctx.strokeStyle = p.fg;
  ctx.globalAlpha = 0.85;
  ctx.lineWidth = 1.5;
  line(ctx, GUTTER - 2, y, s.width, y);
  ctx.globalAlpha = 1;
  // The time, in a pill over the axis.
  const text = formatMs(s.t);
  ctx.font = '600 10.5px system-ui, sans-serif';
  const w = Math.max(ctx.measureText(text).width + 12, 30);
  ctx.fillStyle = p.fg;
  ctx.beginPath();
  ctx.roundRect(GUTTER - 2 - w, y - 9, w, 18, 9);
  ctx.fill();
  ctx.fillStyle = p.panel;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, GUTTER - 2 - w / 2, y + 0.5);
}

export function line(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}
