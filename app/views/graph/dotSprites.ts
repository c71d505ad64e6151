/**
 * A flying message's dot (its colour, a soft glow, a ring in the panel colour), drawn once per colour, size
 * and scale and stamped with drawImage. A canvas shadow blur per dot per frame was most of the canvas's
 * raster time (headless Chromium rasterises 2D canvases in software): ~50 dots in flight, each blurred anew.
 */

/** Device pixels the glow reaches beyond the dot (shadowBlur 10 is a Gaussian of sigma 5: 3 sigma). */
const GLOW_PX = 16;
const RING_WIDTH = 1.5;
const GLOW_BLUR = 10;

export class DotSprites {
  private readonly cache = new Map<string, HTMLCanvasElement>();
  private scale = 0;
  private panel = '';

  /**
   * Draw the dot centred on (x, y) in `ctx`'s current user space, which is `scale` device pixels per unit
   * (the zoom times the device pixel ratio): the sprite is drawn at that scale, one texel per pixel.
   */
  draw(
    ctx: CanvasRenderingContext2D,
    x: number,
    y: number,
    r: number,
    colour: string,
    panel: string,
    scale: number,
  ): void {
    if (scale !== this.scale || panel !== this.panel) {
      // Another zoom or theme: the sprites drawn for the last one are not needed again soon.
      this.cache.clear();
      this.scale = scale;
      this.panel = panel;
    }
    const key = `${colour}|${r}`;
    let sprite = this.cache.get(key);
    if (!sprite) this.cache.set(key, (sprite = drawSprite(r, colour, panel, scale)));
    const half = sprite.width / 2 / scale;
    ctx.drawImage(sprite, x - half, y - half, half * 2, half * 2);
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
