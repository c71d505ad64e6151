/**
 * The messages, on a canvas: hundreds of marks move every frame, which SVG + React would reconcile one
 * element at a time. The canvas does not take pointer events; the graph hit-tests hover itself.
 */
import { useEffect, useRef, useState } from 'react';
import type { ZoomTransform } from 'd3';
import type { Placed } from './placeMessages';
import { DotSprites, type DeviceTransform } from './dotSprites';
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
    const device = { k, x: transform.x * dpr, y: transform.y * dpr };
    ctx.setTransform(k, 0, 0, k, device.x, device.y);
    const colour = (p: Placed) => typeColour(palette, types, p.m.type);
    // Trails first, all in a few strokes; each message's marks over them.
    trails(ctx, placed, colour, hovered);
    const pen = { ctx, pal: palette, sprites, device };
    for (const p of placed) draw(pen, p, colour(p), p === hovered);
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
  /** The graph's transform in device pixels: x' = k x + x (zoom and pan times the device pixel ratio). */
  device: DeviceTransform;
}

function draw({ ctx, pal, sprites, device }: Pen, p: Placed, colour: string, hot: boolean): void {
  const { x, y } = p;
  ctx.globalAlpha = p.alpha;
  if (p.mark === 'flying') {
    const r = hot ? 7.5 : 6;
    if (p.m.duplicate) {
      // A duplicate wears a second ring: the same message, a second journey.
      ring(ctx, x, y, r + 3.5, colour, 1.5);
    }
    sprites.draw(ctx, x, y, r, colour, pal.panel, device);
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

/**
 * Each flying message's tapering streak, from where it was a moment ago to where it is: it shows which way
 * it goes. Segments of rising opacity rather than a gradient (the palette's colours may be any CSS syntax),
 * batched: one path per colour, size and segment for all messages, so ~50 messages take a dozen strokes
 * rather than 300 (each stroke call cost the software canvas microseconds, whatever its few pixels).
 */
function trails(
  ctx: CanvasRenderingContext2D,
  placed: readonly Placed[],
  colourOf: (p: Placed) => string,
  hovered: Placed | null,
): void {
  const batches = new Map<string, { colour: string; r: number; paths: Path2D[] }>();
  for (const p of placed) {
    if (p.mark !== 'flying' || !p.tail) continue;
    const r = p === hovered ? 7.5 : 6;
    const { x: x0, y: y0 } = p.tail;
    const { x: x1, y: y1 } = p;
    if (Math.hypot(x1 - x0, y1 - y0) < r) continue;
    const colour = colourOf(p);
    const key = `${colour}|${r}`;
    let batch = batches.get(key);
    if (!batch) {
      const paths = Array.from({ length: TRAIL_SEGMENTS }, () => new Path2D());
      batches.set(key, (batch = { colour, r, paths }));
    }
    for (let i = 0; i < TRAIL_SEGMENTS; i++) {
      const a = i / TRAIL_SEGMENTS;
      const b = (i + 1) / TRAIL_SEGMENTS;
      const path = batch.paths[i]!;
      path.moveTo(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a);
      path.lineTo(x0 + (x1 - x0) * b, y0 + (y1 - y0) * b);
    }
  }
  ctx.lineCap = 'butt';
  for (const { colour, r, paths } of batches.values()) {
    ctx.lineWidth = r * 1.1;
    ctx.strokeStyle = colour;
    paths.forEach((path, i) => {
      const b = (i + 1) / TRAIL_SEGMENTS;
      // A flying message is drawn at full alpha (placeMessages): its trail at up to half.
      ctx.globalAlpha = 0.5 * b * b;
      ctx.stroke(path);
    });
  }
  ctx.globalAlpha = 1;
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
