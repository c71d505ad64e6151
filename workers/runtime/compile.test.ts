import { describe, expect, it } from 'vitest';
import { compileRole, functionLineOffset, locateError, shortStack, transformRole } from './compile';

const role = (source: string, file = 'roles/server.ts') => compileRole({ role: 'server', file, source });

describe('compileRole', () => {
  it('erases type imports from the node API and compiles TypeScript', () => {
    const result = role(
      [
        "import type { Node } from '@playground/node';",
        "import { type AnyMessage } from '@playground/node';",
        'export default function server(node: Node): void {',
        '  const x: number = 1;',
        '  void (x as number);',
        '}',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
  });

  it('reports a syntax error with file, line and column', () => {
    const result = role(
      ['export default function (node) {', '  const a = 1;', '  const b = ;', '}'].join('\n'),
    );
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        role: 'server',
        file: 'roles/server.ts',
        line: 3,
        message: 'Unexpected token',
      }),
    });
    if (!result.ok) expect(result.error.column).toBeGreaterThan(0);
  });

  it.each([
    ["import fs from 'node:fs';", 'node:fs'],
    ["import { x } from './other';", './other'],
    ["import 'side-effect';", 'side-effect'],
    ["export * from 'lib';", 'lib'],
    ["export { a } from 'lib2';", 'lib2'],
    ["const m = require('fs');", 'fs'],
    ["const m = import('dyn');", 'dyn'],
    ["import type { T } from 'elsewhere';", 'elsewhere'],
    ["import { assign } from 'xstate/actions';", 'xstate/actions'],
  ])('refuses %s', (line, specifier) => {
    const result = role(['// a comment', line, 'export default function (node) {}'].join('\n'));
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        line: 2,
        message: `role code cannot import '${specifier}': only type imports from '@playground/node', and 'xstate'`,
      }),
    });
  });

  it('lets role code import xstate, a fresh copy per boot running on the globals it is given', () => {
    const result = role(
      [
        "import { createActor, createMachine } from 'xstate';",
        'export const ids: string[] = [];',
        'export default function (node) {',
        "  const machine = createMachine({ initial: 'a', states: { a: { after: { 40: 'b' } }, b: {} } });",
        '  const actor = createActor(machine).start();',
        '  ids.push(actor.sessionId);',
        '  return actor;',
        '}',
      ].join('\n'),
    );
    if (!result.ok) throw new Error(result.error.message);
    const timers: { fn: () => void; ms: number }[] = [];
    const globals = {
      Math,
      Date,
      setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
      clearTimeout: () => {},
    } as never;
    for (const _boot of [1, 2]) {
      const exports = result.role.instantiate(globals);
      const actor = (exports.default as () => { getSnapshot(): { value: string } })();
      expect(actor.getSnapshot().value).toBe('a');
      // The `after` delay went to the timers it was given, not the realm's: firing it moves the machine.
      expect(timers.at(-1)?.ms).toBe(40);
      timers.at(-1)!.fn();
      expect(actor.getSnapshot().value).toBe('b');
      // A new boot is a new copy of XState: its id counter starts again.
      expect(exports.ids).toEqual(['x:0']);
    }
  });

  it('does not mistake strings, comments and local exports for imports', () => {
    const result = role(
      [
        "const s = \"import x from 'nope'\"; // import y from 'z'",
        "const t = `require('fs')`;",
        'const a = 1;',
        'export { a };',
        'export default function (node) { node.log(s, t); }',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
  });

  it('measures the line offset new Function adds (2 in V8)', () => {
    expect(functionLineOffset()).toBe(2);
  });
});

describe('locateError', () => {
  it('maps a stack frame to the learner line', () => {
    const result = role(
      [
        "import type { Node } from '@playground/node';", // 1
        '', // 2
        'export default function server(node: Node) {', // 3
        '  const n: number = 1;', // 4
        '  void n;', // 5
        '  if (node) {', // 6
        "    const m: number = 2; throw new Error('line seven');", // 7
        '  }', // 8
        '}', // 9
      ].join('\n'),
    );
    if (!result.ok) throw new Error(result.error.message);
    const exports = result.role.instantiate({} as never);
    let caught: unknown;
    try {
      (exports.default as (n: unknown) => void)({});
    } catch (err) {
      caught = err;
    }
    // Column 32 is `new` on the learner's line; sucrase removed `: number` before it, the map puts it back.
    expect(locateError(caught, 'roles/server.ts')).toEqual({ file: 'roles/server.ts', line: 7, column: 32 });
    expect(shortStack(caught, 'roles/server.ts')).toMatch(
      /^Error: line seven\n\s+at .*server.* \(roles\/server\.ts:7:32\)$/,
    );
    expect(locateError(caught, 'roles/other.ts')).toBeUndefined();
  });
});

describe('transformRole', () => {
  const src = (source: string, file = 'roles/server.ts') => ({ role: 'server', file, source });

  it('keeps what it made: the same role again is the same result, and it cannot be changed', () => {
    const text = 'export default function (node) { node.log("a"); }';
    const first = transformRole(src(text));
    expect(first.ok).toBe(true);
    expect(transformRole(src(text))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const bad = transformRole(src('export default function (node) { const = 1; }'));
    expect(bad.ok).toBe(false);
    expect(transformRole(src('export default function (node) { const = 1; }'))).toBe(bad);
    expect(!bad.ok && Object.isFrozen(bad.error)).toBe(true);
  });

  it('an edit, or the same text in another file, is transformed anew', () => {
    const a = transformRole(src('export default function (node) { node.log("a"); }'));
    const b = transformRole(src('export default function (node) { node.log("b"); }'));
    expect(a.ok && b.ok && a.code !== b.code).toBe(true);
    const broken = 'export default function (node) {\n  const = 1;\n}';
    const inServer = transformRole(src(broken));
    const inClient = transformRole(src(broken, 'roles/client.ts'));
    expect(!inServer.ok && inServer.error.file).toBe('roles/server.ts');
    expect(!inClient.ok && inClient.error.file).toBe('roles/client.ts');
  });

  it('keeps a bounded number: after many other roles, the first is made again', () => {
    const text = 'export default function (node) { node.log("first"); }';
    const first = transformRole(src(text));
    for (let i = 0; i < 40; i++) transformRole(src(`export default function (node) { node.log(${i}); }`));
    const again = transformRole(src(text));
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
