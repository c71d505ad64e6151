/** What the lesson CLIs (`sim`, `real`, `export`) parse the same way. */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { RoleSource } from '../../workers/kernel/protocol';

/** Bad input: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** `--role server=my/server.ts` swaps that file in for the role's code. */
export function swapRoles(
  roles: RoleSource[],
  swaps: string[],
  known: Record<string, unknown>,
): RoleSource[] {
  const result = roles.map((r) => ({ ...r }));
  for (const swap of swaps) {
    const [name, file] = swap.split('=', 2);
    if (!name || !file) throw new UsageError(`--role takes NAME=FILE, got '${swap}'`);
    if (!(name in known))
      throw new UsageError(`--role ${name}: no such role (roles: ${Object.keys(known).join(', ')})`);
    if (!existsSync(file)) throw new UsageError(`--role ${name}: ${file} does not exist`);
    const index = result.findIndex((r) => r.role === name);
    result[index] = { role: name, file: relative(process.cwd(), file), source: readFileSync(file, 'utf8') };
  }
  return result;
}

export function wholeNumber(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number >= 0, got '${text}'`);
  return n;
}

export { describeLoadError } from '../../workers/real/node-core';
