/**
 * Latency distributions of the network model (virtual ms). Every sample is at least minLatency(spec), which
 * is what gives the kernel its lookahead window: no message can arrive sooner than that after it was sent.
 */
import type { LatencySpec } from './protocol';
import type { RandomStream } from './prng';

/** No link is faster than 0.1 ms: a zero-latency link would collapse the lookahead window to nothing. */
export const MIN_LATENCY_FLOOR = 0.1;

/** The min of the distributions that do not say it themselves. */
const DEFAULT_MIN = 1;

/** Standard normal quantile at 0.99: ln(p99 / median) / this is the log-normal's sigma. */
const Z_99 = 2.3263;

const TWO_PI = 2 * Math.PI;

/**
 * Samples built from Math.log/exp/cos are snapped to 1/1024 ms (~1 µs). ECMAScript lets engines differ in the
 * last bit of those functions (V8 in Node and Chromium agree; other engines might not), and snapping to a
 * binary fraction makes such a difference vanish unless it sits exactly on a rounding boundary.
 */
const QUANTUM = 1024;

function snap(ms: number): number {
  return Math.round(ms * QUANTUM) / QUANTUM;
}

/** The smallest value sample() can return for this spec: max(floor, spec's min). Default min is 1 ms when the spec has no min (constant: its ms; uniform: its min), never below the floor. */
export function minLatency(spec: LatencySpec): number {
  switch (spec.kind) {
    case 'constant':
      return Math.max(MIN_LATENCY_FLOOR, spec.ms);
    case 'uniform':
      return Math.max(MIN_LATENCY_FLOOR, spec.min);
    default:
      return Math.max(MIN_LATENCY_FLOOR, spec.min ?? DEFAULT_MIN);
  }
}

/** A standard normal draw (Box-Muller, cosine branch only: one value per two uniforms keeps draws per message fixed). */
function standardNormal(rng: RandomStream): number {
  // 1 - u is in (0, 1], so the log is finite.
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
}

/**
 * Draw one latency (virtual ms, >= minLatency(spec)) using draws from `rng`. normal: Box-Muller, clamped at
 * min; exponential: min + an exponential with mean `mean` (so the sample mean is min + mean); long-tail:
 * log-normal with median `median` and 99th percentile `p99`, clamped at min.
 */
export function sampleLatency(spec: LatencySpec, rng: RandomStream): number {
  const min = minLatency(spec);
  switch (spec.kind) {
    case 'constant':
      return min;
    case 'uniform':
      return Math.max(min, spec.min + rng.next() * (spec.max - spec.min));
    case 'normal':
      return Math.max(min, snap(spec.mean + spec.stddev * standardNormal(rng)));
    case 'exponential':
      return Math.max(min, snap(min - spec.mean * Math.log(1 - rng.next())));
    case 'long-tail': {
      const sigma = Math.log(spec.p99 / spec.median) / Z_99;
      return Math.max(min, snap(spec.median * Math.exp(sigma * standardNormal(rng))));
    }
  }
}

function requireNonNegative(spec: LatencySpec, field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`latency '${spec.kind}': ${field} must be a finite number >= 0 ms, got ${String(value)}`);
  }
}

function requirePositive(spec: LatencySpec, field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`latency '${spec.kind}': ${field} must be a finite number > 0 ms, got ${String(value)}`);
  }
}

/** Throws an Error with a readable message for nonsense specs (negative, NaN, max < min, p99 < median...). */
export function validateLatency(spec: LatencySpec): void {
  if (typeof spec !== 'object' || spec === null) {
    throw new Error(`latency must be an object like { kind: 'constant', ms: 5 }, got ${String(spec)}`);
  }
  // Specs come from lesson files and the UI; an unknown kind must fail here, not as NaN later.
  const kind = (spec as { kind?: unknown }).kind;
  switch (spec.kind) {
    case 'constant':
      requireNonNegative(spec, 'ms', spec.ms);
      return;
    case 'uniform':
      requireNonNegative(spec, 'min', spec.min);
      requireNonNegative(spec, 'max', spec.max);
      if (spec.max < spec.min) {
        throw new Error(`latency 'uniform': max (${spec.max}) must be >= min (${spec.min})`);
      }
      return;
    case 'normal':
      requireNonNegative(spec, 'mean', spec.mean);
      requireNonNegative(spec, 'stddev', spec.stddev);
      if (spec.min !== undefined) requireNonNegative(spec, 'min', spec.min);
      return;
    case 'exponential':
      requireNonNegative(spec, 'mean', spec.mean);
      if (spec.min !== undefined) requireNonNegative(spec, 'min', spec.min);
      return;
    case 'long-tail':
      requirePositive(spec, 'median', spec.median);
      requirePositive(spec, 'p99', spec.p99);
      if (spec.p99 < spec.median) {
        throw new Error(`latency 'long-tail': p99 (${spec.p99}) must be >= median (${spec.median})`);
      }
      if (spec.min !== undefined) requireNonNegative(spec, 'min', spec.min);
      return;
    default:
      throw new Error(
        `latency: unknown kind ${JSON.stringify(kind)} (expected constant, uniform, normal, exponential or long-tail)`,
      );
  }
}
