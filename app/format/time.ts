/**
 * Virtual time as people read it. The kernel's clock is fractional (latencies are drawn from distributions),
 * so raw values like `1030.5800699361134` reach the views; every view prints times through here so a time
 * reads the same in the console, the tooltips, the timeline and the run status.
 */

/** Below this a time reads in ms with one decimal; from here on in seconds (two decimals are 10 ms). */
const SECONDS_FROM_MS = 10_000;

/**
 * `250` -> "250 ms", `1030.58` -> "1030.6 ms", `12345` -> "12.35 s". `seconds` forces seconds, so an axis
 * that spans 10 s keeps one unit across its ticks.
 */
export function formatMs(ms: number, seconds = false): string {
  if (!Number.isFinite(ms)) return ms > 0 ? '∞' : '—';
  if (seconds || Math.abs(ms) >= SECONDS_FROM_MS) return `${trim(ms / 1000, 2)} s`;
  return `${trim(ms, 1)} ms`;
}

/** A signed offset, e.g. a skewed clock: "+250 ms", "-1.5 ms". */
export function formatOffsetMs(ms: number): string {
  return `${ms > 0 ? '+' : ''}${formatMs(ms)}`;
}

/** The unit an axis over [0, span] ms should keep on all of its ticks. */
export function axisInSeconds(span: number): boolean {
  return span >= 2000;
}

/**
 * Long fractions inside free text (a checker's reason, say "latency 17.803318 ms") shortened to one decimal.
 * Whole numbers, versions and ids are left alone: only digits after a point beyond the first two change.
 */
export function tidyNumbers(text: string): string {
  return text.replace(/-?\d+\.\d{3,}/g, (n) => trim(Number(n), 1));
}

/** Rounded to `digits` decimals, without trailing zeros ("1030.6", "12.35", "250", never "-0"). */
function trim(v: number, digits: number): string {
  const rounded = Number(v.toFixed(digits));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
