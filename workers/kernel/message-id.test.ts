import { describe, expect, it } from 'vitest';
import { formatMessageId, NO_INCARNATION, parseMessageId, type ParsedId } from './message-id';

function parse(id: string, sender: string): ParsedId | null {
  const out: ParsedId = { incarnation: 0, n: 0 };
  return parseMessageId(id, sender, out) ? out : null;
}

describe('message ids as numbers', () => {
  it('reads the forms the runtime writes and formats them back exactly', () => {
    const cases: [string, string, number, number][] = [
      ['client#1', 'client', NO_INCARNATION, 1],
      ['client#0', 'client', NO_INCARNATION, 0],
      ['factory/worker-1#2.345', 'factory/worker-1', 2, 345],
      ['a#b#17', 'a#b', NO_INCARNATION, 17],
      ['n#999999999999999', 'n', NO_INCARNATION, 999999999999999],
    ];
    for (const [id, sender, incarnation, n] of cases) {
      expect(parse(id, sender)).toEqual({ incarnation, n });
      expect(formatMessageId(sender, incarnation, n)).toBe(id);
    }
  });

  it('refuses what would not come back the same, or names another sender', () => {
    const refused: [string, string][] = [
      ['client#01', 'client'],
      ['client#1.02', 'client'],
      ['client#', 'client'],
      ['client#1.', 'client'],
      ['client#.1', 'client'],
      ['client#1x', 'client'],
      ['client#1.2.3', 'client'],
      ['client#-1', 'client'],
      ['client#1e3', 'client'],
      ['client#1234567890123456', 'client'],
      ['server#1', 'client'],
      ['client-2#1', 'client'],
      ['clien#1', 'client'],
      ['client1', 'client'],
      ['', 'client'],
    ];
    for (const [id, sender] of refused) expect(parse(id, sender), id).toBeNull();
  });
});
