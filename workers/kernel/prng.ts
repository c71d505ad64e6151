/**
 * Seeded randomness for the kernel: one stream per concern, so adding a fault does not
 * shift the workload's draws, and counter-style streams keyed by (seed, stream, key), so a message's fate does
 * not depend on the order messages are processed in.
 *
 * Only integer operations with spec-defined results (Math.imul, shifts, xor) and String(number) are used
 * here, so every engine computes the same seeds and the same draws.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** Starting state of a seed hash (an arbitrary odd constant: the fractional bits of the golden ratio). */
export const SEED_HASH_INIT = 0x9e3779b9;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const TWO_POW_32 = 4294967296;
/** 2^-32: turns a uint32 into [0, 1) exactly (a multiply by a power of two never rounds). */
const INV_TWO_POW_32 = 1 / TWO_POW_32;

// Type tags mixed before every part, so `mixSeed(1)` and `mixSeed('1')` differ, as do ('ab','c') and ('a','bc').
const TAG_INT = 0x1;
const TAG_NUMBER_TEXT = 0x2;
const TAG_STRING = 0x3;

/** MurmurHash3's body step: folds one 32-bit word into the running state. */
function mixWord(h: number, word: number): number {
  let k = Math.imul(word, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finalizer: full avalanche (every input bit flips each output bit with probability ~1/2). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixString(h: number, s: string): number {
  h = mixWord(mixWord(h, TAG_STRING), s.length);
  for (let i = 0; i < s.length; i++) h = mixWord(h, s.charCodeAt(i));
  return h;
}

/**
 * Fold one part into a running seed hash. Exposed (with {@link SEED_HASH_INIT} and {@link finishSeed}) so a hot
 * path can hash a fixed prefix once, e.g. (seed, 'net'), and only the message id per message:
 * `finishSeed(mixSeedPart(prefix, id)) === mixSeed(seed, 'net', id)`.
 */
export function mixSeedPart(h: number, part: number | string): number {
  if (typeof part === 'string') return mixString(h, part);
  if (Number.isSafeInteger(part)) {
    // Low and high 32-bit words; both are exact for safe integers, negative ones included.
    const high = Math.floor(part / TWO_POW_32) | 0;
    return mixWord(mixWord(mixWord(h, TAG_INT), part | 0), high);
  }
  // Fractions, NaN, infinities: their shortest round-trip text is spec-defined, hence engine-independent.
  return mixString(mixWord(h, TAG_NUMBER_TEXT), String(part));
}

/** Finish a seed hash into a uint32. */
export function finishSeed(h: number): number {
  return fmix32(h);
}

/** Mix numbers and strings into a 32-bit unsigned seed. Deterministic across JS engines. */
export function mixSeed(...parts: (number | string)[]): number {
  let h = SEED_HASH_INIT;
  for (const part of parts) h = mixSeedPart(h, part);
  return finishSeed(h);
}

/**
 * pure-rand seeds xoroshiro128plus as (-1, ~seed, seed, 0), so its first output is just ~seed and the next few
 * are still simple functions of it. Scrambling the seed and skipping a few outputs means nearby seeds (node 1,
 * node 2...) give unrelated streams; it costs a few nanoseconds per stream.
 */
const WARMUP_DRAWS = 4;

function seededGenerator(seed: number): RandomGenerator {
  const g = xoroshiro128plus(fmix32(seed ^ 0x5851f42d) | 0);
  for (let i = 0; i < WARMUP_DRAWS; i++) g.next();
  return g;
}

/** A seeded stream of uniform numbers in [0, 1) backed by pure-rand's xoroshiro128plus. */
export class RandomStream {
  private gen: RandomGenerator;

  constructor(seed: number) {
    this.gen = seededGenerator(seed);
  }

  /** Restart this stream from another seed; equivalent to `new RandomStream(seed)`, for reuse on hot paths. */
  reseed(seed: number): this {
    this.gen = seededGenerator(seed);
    return this;
  }

  /** Uniform in [0, 1) with 32 bits of precision. */
  next(): number {
    return (this.gen.next() >>> 0) * INV_TWO_POW_32;
  }

  /** A uniform uint32 in [0, 2^32). */
  nextUint32(): number {
    return this.gen.next() >>> 0;
  }
}

/** Counter-based draw: an independent stream keyed by (seed, stream name, key), so draws for a message do not depend on the order messages are processed. */
export function streamFor(seed: number, stream: string, key: string): RandomStream {
  return new RandomStream(mixSeed(seed, stream, key));
}
