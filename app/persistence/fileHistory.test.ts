import { describe, expect, it } from 'vitest';
import {
  AUTOSAVE_EVERY_MS,
  emptyRecord,
  KEEP_AUTOSAVES,
  KEEP_OTHERS,
  starterHash,
  withSave,
  withVersion,
} from './fileHistory';

describe('a file’s history', () => {
  it('keeps the code a save replaces, at most once per interval', () => {
    let record = withSave(emptyRecord('h'), 'one', 0, 0).record;
    record = withSave(record, 'two', record.rev, 1).record;
    expect(record.history.map((v) => [v.reason, v.source])).toEqual([['autosave', 'one']]);
    record = withSave(record, 'three', record.rev, 2).record;
    expect(record.history).toHaveLength(1);
    record = withSave(record, 'four', record.rev, 1 + AUTOSAVE_EVERY_MS).record;
    expect(record.history.map((v) => v.source)).toEqual(['three', 'one']);
    expect(record.current?.source).toBe('four');
    expect(record.rev).toBe(4);
  });

  it('keeps another tab’s newer code as a version instead of dropping it', () => {
    const mine = withSave(emptyRecord('h'), 'mine', 0, 0).record;
    // The other tab wrote since this tab knew rev 1.
    const theirs = withSave(mine, 'theirs', mine.rev, 1).record;
    const saved = withSave(theirs, 'mine again', mine.rev, 2);
    expect(saved.overtook).toBe(true);
    expect(saved.record.history[0]).toMatchObject({ reason: 'other-tab', source: 'theirs' });
    expect(saved.record.current?.source).toBe('mine again');
  });

  it('does not keep the same text twice in a row, and trims old versions by kind', () => {
    let record = emptyRecord('h');
    record = withVersion(record, 'a', 'before-reset', 0).record;
    record = withVersion(record, 'a', 'before-reset', 1).record;
    expect(record.history).toHaveLength(1);
    for (let i = 0; i < KEEP_OTHERS + 3; i++) record = withVersion(record, `r${i}`, 'before-reset', i).record;
    for (let i = 0; i < KEEP_AUTOSAVES + 3; i++) record = withVersion(record, `s${i}`, 'autosave', i).record;
    expect(record.history.filter((v) => v.reason === 'autosave')).toHaveLength(KEEP_AUTOSAVES);
    expect(record.history.filter((v) => v.reason === 'before-reset')).toHaveLength(KEEP_OTHERS);
    expect(record.history[0]?.source).toBe(`s${KEEP_AUTOSAVES + 2}`);
  });

  it('keeps a link’s seed and faults on its version, and only there', () => {
    const link = { seed: 11, faults: [{ at: 100, kind: 'crash' as const, node: 'client' }] };
    const shared = withVersion(emptyRecord('h'), 'theirs', 'shared', 0, link);
    expect(shared.version.link).toEqual(link);
    const mine = withVersion(shared.record, 'mine', 'before-share', 1);
    expect(mine.version).not.toHaveProperty('link');
    expect(mine.record.history.map((v) => v.link)).toEqual([undefined, link]);
  });

  it('tells one starter from another', () => {
    expect(starterHash('export default 1')).toBe(starterHash('export default 1'));
    expect(starterHash('export default 1')).not.toBe(starterHash('export default 2'));
  });
});
