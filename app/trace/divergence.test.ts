import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../workers/kernel/protocol';
import { DivergenceFinder } from './divergence';

const log = (t: number, text: string): TraceEvent => ({ t, kind: 'log', node: 'a', level: 'info', text });

describe('DivergenceFinder', () => {
  const previous = [log(0, 'start'), log(10, 'x'), log(20, 'y')];

  it('says "same" while the new trace repeats the old one, as it arrives', () => {
    const f = new DivergenceFinder(previous);
    expect(f.update(previous.slice(0, 2), false)).toEqual({ kind: 'same', upTo: 2 });
    expect(f.update(previous, true)).toEqual({ kind: 'same', upTo: 3 });
  });

  it('finds the first event that differs, and keeps that answer', () => {
    const f = new DivergenceFinder(previous);
    const current = [log(0, 'start'), log(10, 'z')];
    expect(f.update(current, false)).toMatchObject({ kind: 'differs', index: 1, t: 10 });
    expect(f.update([...current, log(30, 'w')], true)).toMatchObject({ kind: 'differs', index: 1 });
  });

  it('an event at another time differs at the earlier of the two times', () => {
    const f = new DivergenceFinder(previous);
    expect(f.update([log(0, 'start'), log(5, 'x')], false)).toMatchObject({ index: 1, t: 5 });
  });

  it('a finished run shorter than the previous one differs where it ended', () => {
    const f = new DivergenceFinder(previous);
    expect(f.update(previous.slice(0, 2), true)).toMatchObject({ kind: 'differs', index: 2, t: 20 });
  });
});
