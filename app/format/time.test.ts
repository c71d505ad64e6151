import { describe, expect, it } from 'vitest';
import { axisInSeconds, formatMs, formatOffsetMs, tidyNumbers } from './time';

describe('formatMs', () => {
  it('keeps one decimal below 10 s, without trailing zeros', () => {
    expect(formatMs(1030.5800699361134)).toBe('1030.6 ms');
    expect(formatMs(250)).toBe('250 ms');
    expect(formatMs(17.04)).toBe('17 ms');
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(-0.01)).toBe('0 ms');
    expect(formatMs(9999.94)).toBe('9999.9 ms');
  });

  it('reads in seconds from 10 s, or when asked', () => {
    expect(formatMs(12_345.6)).toBe('12.35 s');
    expect(formatMs(10_000)).toBe('10 s');
    expect(formatMs(20_000)).toBe('20 s');
    expect(formatMs(1500, true)).toBe('1.5 s');
  });

  it('never prints NaN or Infinity digits', () => {
    expect(formatMs(Number.NaN)).toBe('—');
    expect(formatMs(Number.POSITIVE_INFINITY)).toBe('∞');
  });
});

describe('formatOffsetMs', () => {
  it('signs positive offsets', () => {
    expect(formatOffsetMs(250)).toBe('+250 ms');
    expect(formatOffsetMs(-1.25)).toBe('-1.3 ms');
  });
});

describe('axisInSeconds', () => {
  it('switches to seconds for spans of a couple of seconds or more', () => {
    expect(axisInSeconds(800)).toBe(false);
    expect(axisInSeconds(20_000)).toBe(true);
  });
});

describe('tidyNumbers', () => {
  it('shortens long fractions in free text and leaves the rest', () => {
    expect(tidyNumbers('reply took 17.803318 ms (limit 12.5 ms), seed 42')).toBe(
      'reply took 17.8 ms (limit 12.5 ms), seed 42',
    );
    expect(tidyNumbers('v1.2.3')).toBe('v1.2.3');
  });
});
