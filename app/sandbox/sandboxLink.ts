/**
 * A sandbox's share link: its name, scenario, the code of every role, the seed and the faults the learner
 * added, packed like a lesson's link (`app/share/shareLink.ts`: lz-string in the hash, the same length
 * caps and version) and validated with valibot, the scenario by the sandbox's own rules.
 */
import * as v from 'valibot';
import { encodeLinkPayload, unpackLink } from '../share/shareLink';
import { Code, Faults, issuePath } from '../share/shareSchema';
import type { FaultSpec } from '../../workers/kernel/protocol';
import { validateSandbox, type SandboxScenario } from './sandboxSchema';

export interface SharedSandbox {
  name: string;
  scenario: SandboxScenario;
  seed: number;
  /** Role -> source, for every role. */
  code: Record<string, string>;
  faults: FaultSpec[];
}

const Payload = v.strictObject({
  v: v.literal(1),
  sandbox: v.strictObject({ name: v.pipe(v.string(), v.maxLength(200)), scenario: v.unknown() }),
  seed: v.pipe(v.number(), v.safeInteger()),
  code: Code,
  faults: Faults,
});

const fieldWords: Record<string, string> = {
  sandbox: 'it is not a sandbox’s link',
  seed: 'its seed is not a whole number',
  code: 'its code is not text, or a file is longer than a sandbox file may be',
  faults: 'one of its faults is not one we know',
};

export function encodeSandboxShare(shared: SharedSandbox): string {
  const { name, scenario, seed, code, faults } = shared;
  return encodeLinkPayload({ sandbox: { name, scenario }, seed, code, faults });
}

/** Never throws: the sandbox, or why the link cannot be opened, in words a learner can read. */
export function decodeSandboxShare(
  text: string,
): { ok: true; sandbox: SharedSandbox } | { ok: false; reason: string } {
  const unpacked = unpackLink(text);
  if (!unpacked.ok) return unpacked;
  const broken = (why: string) => ({
    ok: false as const,
    reason: `This share link cannot be opened: ${why}.`,
  });
  const parsed = v.safeParse(Payload, unpacked.value);
  if (!parsed.success) {
    const field = issuePath(parsed.issues).split('.')[0] ?? '';
    return broken(fieldWords[field] ?? 'it holds something a sandbox does not have');
  }
  const { sandbox, seed, code, faults } = parsed.output;
  const checked = validateSandbox(sandbox.scenario);
  if (!checked.ok) return broken(`its scenario is not valid (${checked.problems[0]?.message ?? ''})`);
  const roles = checked.scenario.roles.map((r) => r.name);
  const stray = Object.keys(code).find((role) => !roles.includes(role));
  if (stray) return broken(`it has code for “${stray}”, which is not one of its roles`);
  return { ok: true, sandbox: { name: sandbox.name, scenario: checked.scenario, seed, code, faults } };
}
