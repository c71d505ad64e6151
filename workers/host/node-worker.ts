/**
 * The node Worker entry (module Worker): one simulated node, driven by one NodeRuntime. It speaks the
 * node-wire protocol on the MessagePort the main thread hands it (`{ kind: 'port' }`), or on `self` when
 * driven directly. It answers every batch, whatever happens, so the kernel only ever waits on a real
 * infinite loop (which the WorkerHost's watchdog ends by terminating this Worker).
 */
import type { NodeBatch, NodeOutput, RoleSource } from '../kernel/protocol';
import { compileRole, type CompileResult } from '../runtime/compile';
import { macrotaskYield } from '../runtime/macrotask';
import { NodeRuntime, reportUnhandledRejection } from '../runtime/node-runtime';
import { lockGlobal } from './lock-global';
import type { FromNode, PortHandoff, ResetAnswer, ResetRequest, ToNode } from './node-wire';
import { realmPrint, samePrint } from './realm-print';
import { decodeBatch, encodeOutput } from './wire-codec';

/** The bits of a Worker's global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}
const scope = self as unknown as WorkerScope;
/** Taken before any learner code runs (see runtime/intrinsics.ts). */
const portPost = Function.prototype.call.bind(MessagePort.prototype.postMessage) as (
  port: MessagePort,
  message: FromNode,
) => void;

/** Every batch ends with one (runtime/macrotask.ts); bound now, before lock-global.ts removes `scheduler`. */
const yieldToMacrotask = macrotaskYield();

let roles = new Map<string, RoleSource>();
/** Compiled roles, once per role per load. */
let compiled = new Map<string, CompileResult>();
let runtime: NodeRuntime | null = null;
/** Messages are handled one after another, even when a batch awaits. */
let queue: Promise<void> = Promise.resolve();

function compiledRole(role: string): CompileResult | undefined {
  let result = compiled.get(role);
  if (!result) {
    const source = roles.get(role);
    if (!source) return undefined;
    result = compileRole(source);
    compiled.set(role, result);
  }
  return result;
}

function fatal(batch: NodeBatch, reason: string, where?: NodeOutput['fatal']): NodeOutput {
  return { node: batch.node, effects: [], nextTimerAt: null, fatal: where ?? { reason } };
}

async function runBatch(batch: NodeBatch, started: () => void): Promise<NodeOutput> {
  try {
    if (batch.boot) {
      const role = compiledRole(batch.boot.role);
      started();
      if (!role) return fatal(batch, `unknown role '${batch.boot.role}'`);
      if (!role.ok) {
        const { message, file, line, column } = role.error;
        return fatal(batch, message, { reason: message, where: { file, line, column } });
      }
      // A boot with the same code reuses the runtime (it starts a fresh incarnation), as in-process.
      if (!runtime || runtime.role !== role.role)
        runtime = new NodeRuntime(batch.node, role.role, { yieldToMacrotask });
    }
    if (!runtime) return fatal(batch, 'got work before it was started');
    return await runtime.handleBatch(batch);
  } catch (error) {
    return fatal(batch, `the node runtime failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

type Answer = (message: FromNode) => void;

function handle(message: ToNode, answer: Answer): Promise<void> | void {
  switch (message.kind) {
    case 'load':
      roles = new Map(message.roles.map((r) => [r.role, r]));
      compiled = new Map();
      runtime = null;
      return;
    case 'stop':
      runtime = null;
      return;
    case 'batch': {
      const batch = decodeBatch(message.batch);
      return runBatch(batch, () => answer({ kind: 'started', seq: message.seq })).then((output) => {
        try {
          const wire = encodeOutput(output, batch);
          answer({ kind: 'output', seq: message.seq, output: wire });
        } catch (error) {
          // Not cloneable (should not happen: effects are JSON); still answer, so the kernel is not left waiting.
          const reason = `its output could not be sent: ${error instanceof Error ? error.message : String(error)}`;
          const wire = encodeOutput(fatal(batch, reason), batch);
          answer({ kind: 'output', seq: message.seq, output: wire });
        }
      });
    }
  }
}

function listen(data: ToNode, answer: Answer): void {
  queue = queue.then(() => handle(data, answer)).catch(() => undefined);
}

lockGlobal(globalThis as unknown as Record<string, unknown>);
/** The realm before any role code ran: a Worker is reused for another run only if it still looks like this. */
const pristine = realmPrint(globalThis);

/** The run is over: forget it, and say whether this realm may serve another (see ResetRequest). */
function reset(n: number): ResetAnswer {
  roles = new Map();
  compiled = new Map();
  runtime = null;
  queue = Promise.resolve();
  return { kind: 'reset', n, clean: samePrint(pristine, realmPrint(globalThis)) };
}

// An unhandled rejection of learner code is an error of this node (else the browser only logs it).
addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  event.preventDefault();
  reportUnhandledRejection(event.reason);
});

scope.addEventListener('message', (event: MessageEvent<ToNode | PortHandoff | ResetRequest>) => {
  const data = event.data;
  if (data.kind === 'reset') {
    scope.postMessage(reset(data.n));
    return;
  }
  if (data.kind === 'port') {
    const port = data.port;
    // The captured postMessage: learner code here may patch MessagePort.prototype to rewrite what is posted.
    const answer: Answer = (message) => portPost(port, message);
    port.onmessage = (e: MessageEvent<ToNode>) => listen(e.data, answer);
    answer({ kind: 'ready' });
    return;
  }
  listen(data, (message) => scope.postMessage(message));
});
