/**
 * A flying message's dot (its colour, a soft glow, a ring in the panel colour), drawn once per colour, size
 * and scale and stamped with drawImage. A canvas shadow blur per dot per frame was most of the canvas's
 * raster time (headless Chromium rasterises 2D canvases in software): ~50 dots in flight, each blurred anew.
 */

/** Device pixels the glow reaches beyond the dot (shadowBlur 10 is a Gaussian of sigma 5: 3 sigma). */
const GLOW_PX = 16;
const RING_WIDTH = 1.5;
const GLOW_BLUR = 10;

/** The graph's user space in device pixels: x' = k x + x, y' = k y + y. */
export interface DeviceTransform {
  k: number;
  x: number;
  y: number;
}

export class DotSprites {
  private readonly cache = new Map<string, HTMLCanvasElement>();
  private scale = 0;
  private panel = '';

  /**
   * Draw the dot centred on (x, y) of the graph, whose user space is `device` (zoom and pan in device
   * pixels): stamped at whole device pixels, one texel per pixel (a plain copy, no resampling).
   */
  draw(
    ctx: CanvasRenderingContext2D,
    x: number,
    y: number,
    r: number,
    colour: string,
    panel: string,
    device: DeviceTransform,
  ): void {
    const scale = device.k;
    if (scale !== this.scale || panel !== this.panel) {
      // Another zoom or theme: the sprites drawn for the last one are not needed again soon.
      this.cache.clear();
      this.scale = scale;
      this.panel = panel;
    }
    const key = `${colour}|${r}`;
    let sprite = this.cache.get(key);
    if (!sprite) this.cache.set(key, (sprite = drawSprite(r, colour, panel, scale)));
    const half = sprite.width / 2;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(sprite, Math.round(x * scale + device.x - half), Math.round(y * scale + device.y - half));
    ctx.setTransform(scale, 0, 0, scale, device.x, device.y);
  }
}

function drawSprite(r: number, colour: string, panel: string, scale: number): HTMLCanvasElement {
  const size = Math.ceil((r + RING_WIDTH) * scale + GLOW_PX) * 2;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.setTransform(scale, 0, 0, scale, size / 2, size / 2);
  ctx.beginPath();
  ctx.arc(0, 0, r, 0, Math.PI * 2);
  ctx.fillStyle = colour;
  // A soft glow lifts the dot off the link line it rides on (shadows are in device pixels, as on the graph).
  ctx.shadowColor = colour;
  ctx.shadowBlur = GLOW_BLUR;
  ctx.fill();
  ctx.shadowBlur = 0;
  ctx.lineWidth = RING_WIDTH;
  ctx.strokeStyle = panel;
  ctx.stroke();
  return canvas;
}
