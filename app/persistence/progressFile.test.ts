import { describe, expect, it } from 'vitest';
import { emptyScenario } from '../sandbox/sandboxSchema';
import { parseProgressFile } from './progressFile';

const sandbox = (over: Record<string, unknown> = {}) => ({
  v: 1,
  id: 'ab12cd34',
  name: 'two nodes',
  scenario: {
    ...emptyScenario(),
    roles: [
      { name: 'client', count: 1 },
      { name: 'server', count: 1 },
    ],
  },
  at: 1_700_000_000_000,
  ...over,
});
const file = (sandboxes?: unknown[]) =>
  JSON.stringify({
    format: 'distributed-patterns-playground/progress',
    v: 1,
    exportedAt: '2026-12-01T23:00:00.000Z',
    progress: {},
    files: [],
    ...(sandboxes ? { sandboxes } : {}),
  });

describe('a progress file with sandboxes', () => {
  it('reads the sandboxes back as they were exported', () => {
    const parsed = parseProgressFile(file([sandbox()]));
    expect('file' in parsed && parsed.file.sandboxes).toEqual([sandbox()]);
  });

  it('still reads a file exported before sandboxes travelled', () => {
    const parsed = parseProgressFile(file());
    expect('file' in parsed && parsed.file.sandboxes).toBeUndefined();
  });

  it('refuses a damaged sandbox, naming it and what is wrong where', () => {
    const damaged = sandbox({
      scenario: { ...sandbox().scenario, roles: [{ name: 'client', count: 'many' }] },
    });
    const parsed = parseProgressFile(file([sandbox(), damaged]));
    expect(parsed).toEqual({
      error: expect.stringMatching(
        /^This file cannot be imported: its sandbox 2 \(“two nodes”\) is damaged \(at scenario\.roles\.0\.count: .+\)\.$/,
      ) as string,
    });
  });

  it('refuses a sandbox id that could not be a key here', () => {
    const parsed = parseProgressFile(file([sandbox({ id: '../../x' })]));
    expect('error' in parsed && parsed.error).toContain('its sandbox 1 (“two nodes”) is damaged (at id:');
  });
});
