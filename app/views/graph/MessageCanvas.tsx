/**
 * The messages, on a canvas: hundreds of marks move every frame, which SVG + React would reconcile one
 * element at a time. The canvas does not take pointer events; the graph hit-tests hover itself.
 */
import { useEffect, useRef, useState } from 'react';
import type { ZoomTransform } from 'd3';
import type { Placed } from './placeMessages';
import { DotSprites } from './dotSprites';
import { typeColour, type Palette } from './usePalette';

interface Props {
  placed: readonly Placed[];
  width: number;
  height: number;
  transform: ZoomTransform;
  palette: Palette;
  types: readonly string[];
  hovered: Placed | null;
}

export function MessageCanvas({ placed, width, height, transform, palette, types, hovered }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [sprites] = useState(() => new DotSprites());
  const dpr = typeof window === 'undefined' ? 1 : Math.min(2, window.devicePixelRatio || 1);

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width * dpr, height * dpr);
    const k = transform.k * dpr;
    ctx.setTransform(k, 0, 0, k, transform.x * dpr, transform.y * dpr);
    const pen = { ctx, pal: palette, sprites, scale: k };
    for (const p of placed) draw(pen, p, typeColour(palette, types, p.m.type), p === hovered);
    ctx.globalAlpha = 1;
  }, [placed, width, height, transform, palette, types, hovered, dpr, sprites]);

  return (
    <canvas
      ref={ref}
      className="ng-messages"
      width={Math.max(1, Math.round(width * dpr))}
      height={Math.max(1, Math.round(height * dpr))}
      style={{ width, height }}
      aria-hidden="true"
    />
  );
}

interface Pen {
  ctx: CanvasRenderingContext2D;
  pal: Palette;
  sprites: DotSprites;
  /** Device pixels per unit of the graph (zoom times device pixel ratio). */
  scale: number;
}

function draw({ ctx, pal, sprites, scale }: Pen, p: Placed, colour: string, hot: boolean): void {
  const { x, y } = p;
  ctx.globalAlpha = p.alpha;
  if (p.mark === 'flying') {
    const r = hot ? 7.5 : 6;
    if (p.tail) trail(ctx, p.tail.x, p.tail.y, x, y, colour, r);
    if (p.m.duplicate) {
      // A duplicate wears a second ring: the same message, a second journey.
      ring(ctx, x, y, r + 3.5, colour, 1.5);
    }
    sprites.draw(ctx, x, y, r, colour, pal.panel, scale);
    return;
  }
  if (p.mark === 'delivered') {
    // A ripple into the receiver.
    ring(ctx, x, y, 4 + p.age * 14, colour, 2);
    return;
  }
  // Dropped: the message goes red and falls away under a cross.
  ctx.beginPath();
  ctx.arc(x, y, 5.5, 0, Math.PI * 2);
  ctx.fillStyle = pal.panel;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = pal.danger;
  ctx.stroke();
  const d = 2.6;
  ctx.beginPath();
  ctx.moveTo(x - d, y - d);
  ctx.lineTo(x + d, y + d);
  ctx.moveTo(x + d, y - d);
  ctx.lineTo(x - d, y + d);
  ctx.lineWidth = 1.8;
  ctx.stroke();
}

/** A tapering streak from where the message was a moment ago to where it is: it shows which way it goes. */
function trail(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  colour: string,
  r: number,
): void {
  if (Math.hypot(x1 - x0, y1 - y0) < r) return;
  // Segments of rising opacity rather than a gradient: the palette's colours may be any CSS syntax.
  const alpha = ctx.globalAlpha;
  ctx.lineCap = 'butt';
  ctx.lineWidth = r * 1.1;
  ctx.strokeStyle = colour;
  for (let i = 0; i < TRAIL_SEGMENTS; i++) {
    const a = i / TRAIL_SEGMENTS;
    const b = (i + 1) / TRAIL_SEGMENTS;
    ctx.globalAlpha = alpha * 0.5 * b * b;
    ctx.beginPath();
    ctx.moveTo(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a);
    ctx.lineTo(x0 + (x1 - x0) * b, y0 + (y1 - y0) * b);
    ctx.stroke();
  }
  ctx.globalAlpha = alpha;
}

const TRAIL_SEGMENTS = 6;

function ring(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  r: number,
  colour: string,
  w: number,
): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.lineWidth = w;
  ctx.strokeStyle = colour;
  ctx.stroke();
}
