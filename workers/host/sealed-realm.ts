/**
 * One locked-down realm for a whole Check: the kernel, every node's runtime and the checkers in one thread,
 * each node boot's role code in a Compartment of its own (SES). Used by the browser's sealed Check
 * (app/check/sealed-check.worker.ts; docs/architecture.md, Containment).
 *
 * Why: a node Worker per node costs a round trip per window (thousands per seed), so the browser's Check is
 * several times slower than the in-process host. Under `lockdown()` every intrinsic is frozen, so role code
 * cannot patch what the kernel or another node uses; in a Compartment its global is a fresh object with
 * only what is endowed here, so it cannot reach `postMessage` (the verdict's channel) or the kernel.
 */
import 'ses';

let sealed = false;

/**
 * Lock this realm down (once; it cannot be undone). Errors keep their stacks (a learner's error names its
 * file and line), console stays (lockdown would otherwise wrap it), and `overrideTaming: 'severe'` lets
 * assignments like `obj.toString = f` on plain objects keep working in our own code.
 */
export function sealRealm(): void {
  if (sealed) return;
  lockdown({
    errorTaming: 'unsafe',
    stackFiltering: 'verbose',
    consoleTaming: 'unsafe',
    domainTaming: 'unsafe',
    overrideTaming: 'severe',
    localeTaming: 'unsafe',
    // Not a word on the console of the intrinsics it removes (Chromium's newer Iterator methods, say).
    reporting: 'none',
  });
  sealed = true;
}

/** `harden` from SES (after sealRealm): freezes a value and everything reachable from it. */
export function hardenValue<T>(value: T): T {
  return harden(value) as T;
}

/**
 * A fresh Compartment's `Function` constructor: code it builds sees that compartment's global (the frozen
 * intrinsics and `endowments`), never this realm's. One per node boot, so no two boots share a global.
 */
export function compartmentFunction(endowments: Record<string, unknown> = {}): FunctionConstructor {
  const compartment = new Compartment({ globals: endowments, __options__: true });
  return (compartment.globalThis as { Function: FunctionConstructor }).Function;
}
