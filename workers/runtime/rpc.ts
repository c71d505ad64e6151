/**
 * The promise `node.rpc` returns, and its timeout error.
 *
 * Floating rejections rule: a rejected promise nobody handles must neither crash the host (Node's
 * `unhandledRejection`, a Worker's `unhandledrejection`) nor vanish. `RpcPromise` is a Promise subclass that
 * notices being observed: every `then`/`catch`/`finally`/`await` goes through its `then`, which marks it and
 * returns another `RpcPromise` (species). The runtime attaches its own silent handler to every link, so the
 * engine never sees an unhandled rejection, and when a link rejects without the learner having observed it:
 * - the rpc promise itself (`node.rpc(...)` never awaited) -> a `warn` log "... (nobody awaited it)";
 * - a link the learner made (`node.rpc(...).then(f)` left floating) -> an `error` effect "unhandled rejection".
 * Promises the learner builds from it with `Promise.all` etc. are native and outside this net.
 */
import type { NodeId } from '../kernel/protocol';
import type { RpcTimeoutError as RpcTimeoutErrorShape } from './node-api';

export class RpcTimeoutError extends Error implements RpcTimeoutErrorShape {
  override readonly name = 'RpcTimeoutError' as const;
  readonly to: NodeId;
  readonly type: string;

  constructor(to: NodeId, type: string, timeoutMs: number) {
    super(`rpc '${type}' to ${to} timed out after ${timeoutMs} ms`);
    this.to = to;
    this.type = type;
  }
}

/** Called when a link of an rpc chain rejects unobserved; `root` is true for the rpc's own promise. */
export type UnobservedRejection = (reason: unknown, root: boolean) => void;

const nativeThen = Promise.prototype.then;

export class RpcPromise<T> extends Promise<T> {
  /** The learner called then/catch/finally on it, or awaited it. */
  observed = false;
  onUnobserved: UnobservedRejection | undefined;

  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.observed = true;
    const link = super.then(onFulfilled, onRejected) as RpcPromise<R1 | R2>;
    if (this.onUnobserved) watch(link, this.onUnobserved, false);
    return link;
  }
}

/** Make a pending rpc promise, reporting its unobserved rejection through `onUnobserved`. */
export function rpcPromise<T>(onUnobserved: UnobservedRejection): {
  promise: RpcPromise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new RpcPromise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  watch(promise, onUnobserved, true);
  return { promise, resolve, reject };
}

function watch<T>(p: RpcPromise<T>, onUnobserved: UnobservedRejection, root: boolean): void {
  p.onUnobserved = onUnobserved;
  // The native then bypasses our override: this handler does not count as the learner observing it.
  nativeThen.call(p, undefined, (reason: unknown) => {
    if (!p.observed) onUnobserved(reason, root);
  });
}
