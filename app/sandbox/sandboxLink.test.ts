import { describe, expect, it } from 'vitest';
import { encodeLinkPayload, encodeShare } from '../share/shareLink';
import { decodeSandboxShare, encodeSandboxShare, type SharedSandbox } from './sandboxLink';
import { emptyScenario } from './sandboxSchema';

const shared: SharedSandbox = {
  name: 'Ping pong',
  scenario: {
    ...emptyScenario(),
    roles: [
      { name: 'client', count: 1 },
      { name: 'server', count: 1 },
    ],
    links: [{ from: 'client', to: 'server', latencyMs: 40, lossPct: 5 }],
    faults: [{ kind: 'pause', node: 'client', peer: '', atMs: 500, forMs: 250, amount: 0 }],
  },
  seed: 7,
  code: { client: 'export default function c() {}\n', server: 'export default function s() {}\n' },
  faults: [{ at: 300, kind: 'crash', node: 'server' }],
};

describe('a sandbox share link', () => {
  it('carries the scenario (its scheduled faults too), every role’s code, the seed and the added faults', () => {
    expect(decodeSandboxShare(encodeSandboxShare(shared))).toEqual({ ok: true, sandbox: shared });
  });

  it('refuses an invalid scenario with the sandbox’s own message', () => {
    const bad = { ...shared, scenario: { ...shared.scenario, roles: [{ name: 'client', count: 0 }] } };
    const decoded = decodeSandboxShare(encodeSandboxShare(bad));
    expect(decoded).toEqual({
      ok: false,
      reason:
        'This share link cannot be opened: its scenario is not valid (Role 1 (“client”): it needs at least one node).',
    });
  });

  it('refuses code for a role the scenario does not have, and a lesson’s link', () => {
    const stray = decodeSandboxShare(encodeSandboxShare({ ...shared, code: { cache: '' } }));
    expect(stray.ok ? '' : stray.reason).toMatch(/code for “cache”, which is not one of its roles/);
    const lesson = decodeSandboxShare(encodeShare({ lessonId: 'echo', seed: 1, code: {}, faults: [] }));
    expect(lesson.ok ? '' : lesson.reason).toMatch(/it is not a sandbox’s link/);
  });

  it('falls back with a reason for garbage and truncated links', () => {
    expect(decodeSandboxShare('%%%').ok).toBe(false);
    const text = encodeSandboxShare(shared);
    const cut = decodeSandboxShare(text.slice(0, text.length / 2));
    expect(cut.ok ? '' : cut.reason).toMatch(/^This share link cannot be opened/);
    const faults = decodeSandboxShare(
      encodeLinkPayload({
        sandbox: { name: 'x', scenario: shared.scenario },
        seed: 1,
        code: {},
        faults: [{ at: -1 }],
      }),
    );
    expect(faults.ok ? '' : faults.reason).toMatch(/one of its faults is not one we know/);
  });
});
