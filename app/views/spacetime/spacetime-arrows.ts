/**
 * The busiest layer: message arrows and point marks. Everything is batched by style (one path per type
 * colour and dash, one per mark kind), because with thousands on screen the cost of a canvas frame is the
 * number of stroke/fill calls and style changes, not the number of segments.
 */
import { LOOP, markPoint, type ArrowShape } from './spacetime-geometry';
import type { Scene } from './spacetime-draw';

/** More arrows than this on screen and the view is an overview (see `dense`). */
const DENSE = 1500;

export function drawArrows(ctx: CanvasRenderingContext2D, s: Scene): void {
  const p = s.palette;
  const dim = s.hovered || s.hoveredMark ? 0.3 : 1;
  const typeIndex = new Map(s.types.map((t, i) => [t, i]));
  // Key: type colour slot * 2 + dashed (copies and dropped messages are dashed).
  const groups = new Map<number, ArrowShape[]>();
  for (const sh of s.shapes) {
    const slot = (typeIndex.get(sh.a.type) ?? 0) % p.types.length;
    const key = slot * 2 + (sh.a.copy > 0 || sh.a.fate === 'dropped' ? 1 : 0);
    const g = groups.get(key);
    if (g) g.push(sh);
    else groups.set(key, [sh]);
  }
  // Zoomed far out, arrows are a texture: thinner, fainter and headless, so drops and crashes stand out.
  const dense = s.shapes.length > DENSE;
  ctx.lineWidth = dense ? 1 : 1.3;
  ctx.lineCap = 'round';
  for (const [key, shapes] of groups) {
    const colour = p.types[key >> 1] ?? p.accent;
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.globalAlpha = (dense ? 0.55 : 0.9) * dim;
    ctx.setLineDash(key & 1 ? [4, 3] : []);
    ctx.beginPath();
    for (const sh of shapes) path(ctx, sh);
    ctx.stroke();
    ctx.setLineDash([]);
    if (dense) continue;
    ctx.beginPath();
    for (const sh of shapes) if (sh.head !== 'cross') head(ctx, sh);
    ctx.fill();
  }
  ctx.globalAlpha = dim;
  ctx.strokeStyle = p.danger;
  ctx.lineWidth = 1.8;
  ctx.beginPath();
  for (const sh of s.shapes) if (sh.head === 'cross') cross(ctx, sh.x1, sh.y1, 3.5);
  ctx.stroke();
  ctx.globalAlpha = 1;
  if (s.hovered) drawHovered(ctx, s, s.hovered);
  ctx.lineCap = 'butt';
}

function drawHovered(ctx: CanvasRenderingContext2D, s: Scene, h: ArrowShape): void {
  const i = s.types.indexOf(h.a.type);
  ctx.strokeStyle = s.palette.types[(i < 0 ? 0 : i) % s.palette.types.length] ?? s.palette.accent;
  ctx.fillStyle = ctx.strokeStyle;
  ctx.lineWidth = 2.6;
  ctx.beginPath();
  path(ctx, h);
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(h.x0, h.y0, 3, 0, Math.PI * 2);
  if (h.head !== 'cross') head(ctx, h, 1.4);
  ctx.fill();
  if (h.head === 'cross') {
    ctx.strokeStyle = s.palette.danger;
    ctx.beginPath();
    cross(ctx, h.x1, h.y1, 4.5);
    ctx.stroke();
  }
}

function path(ctx: CanvasRenderingContext2D, sh: ArrowShape): void {
  ctx.moveTo(sh.x0, sh.y0);
  if (sh.self) ctx.quadraticCurveTo(sh.x0 + LOOP * 2, (sh.y0 + sh.y1) / 2, sh.x1, sh.y1);
  else ctx.lineTo(sh.x1, sh.y1);
}

/** An arrowhead (a closed triangle along the last direction), or a dot for a message still in flight. */
function head(ctx: CanvasRenderingContext2D, sh: ArrowShape, scale = 1): void {
  if (sh.head === 'dot') {
    ctx.moveTo(sh.x1 + 3 * scale, sh.y1);
    ctx.arc(sh.x1, sh.y1, 3 * scale, 0, Math.PI * 2);
    return;
  }
  const fromX = sh.self ? sh.x1 + LOOP : sh.x0;
  const fromY = sh.self ? (sh.y0 + sh.y1) / 2 + (sh.y1 - sh.y0) / 4 : sh.y0;
  const ang = Math.atan2(sh.y1 - fromY, sh.x1 - fromX);
  const len = 7 * scale;
  const half = 3.2 * scale;
  const bx = sh.x1 - Math.cos(ang) * len;
  const by = sh.y1 - Math.sin(ang) * len;
  ctx.moveTo(sh.x1, sh.y1);
  ctx.lineTo(bx - Math.sin(ang) * half, by + Math.cos(ang) * half);
  // No closePath: fill() closes each subpath anyway, and closePath is costly with thousands of heads.
  ctx.lineTo(bx + Math.sin(ang) * half, by - Math.cos(ang) * half);
}

function cross(ctx: CanvasRenderingContext2D, x: number, y: number, d: number): void {
  ctx.moveTo(x - d, y - d);
  ctx.lineTo(x + d, y + d);
  ctx.moveTo(x + d, y - d);
  ctx.lineTo(x - d, y + d);
}

/** Timers as ticks left of the lifeline, logs as dots right of it (by level), errors as red dots on it. */
export function drawMarks(ctx: CanvasRenderingContext2D, s: Scene): void {
  const p = s.palette;
  const ticks = new Path2D();
  const logs = { info: new Path2D(), warn: new Path2D(), error: new Path2D() };
  const errors: { x: number; y: number }[] = [];
  // In an overview, timers and logs would paint the lifelines solid grey: only errors stay.
  const dense = s.shapes.length > DENSE;
  for (const m of s.marks) {
    const lane = s.laneById.get(m.node);
    if (!lane) continue;
    const { x, y } = markPoint(m, lane, s.vp);
    if (dense && m.kind !== 'error') continue;
    if (m.kind === 'timer') {
      ticks.moveTo(x - 4, y);
      ticks.lineTo(x + 4, y);
    } else if (m.kind === 'log') {
      const path = logs[m.level ?? 'info'];
      path.moveTo(x + 2.2, y);
      path.arc(x, y, 2.2, 0, Math.PI * 2);
    } else if (m.kind === 'error') errors.push({ x, y });
  }
  ctx.strokeStyle = p.muted;
  ctx.lineWidth = 1.25;
  ctx.stroke(ticks);
  ctx.fillStyle = p.muted;
  ctx.fill(logs.info);
  ctx.fillStyle = p.warn;
  ctx.fill(logs.warn);
  ctx.fillStyle = p.danger;
  ctx.fill(logs.error);
  for (const { x, y } of errors) {
    disc(ctx, x, y, 5, p.panel);
    disc(ctx, x, y, 3.8, p.danger);
  }
  const h = s.hoveredMark;
  const lane = h && s.laneById.get(h.node);
  if (h && lane) {
    const { x, y } = markPoint(h, lane, s.vp);
    ctx.strokeStyle = p.fg;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(x, y, 5.5, 0, Math.PI * 2);
    ctx.stroke();
  }
}

function disc(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, colour: string): void {
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.fill();
}
