/**
 * What runs inside one node's own realm (a `node:vm` context, see vm-host.ts): the node runtime, bundled, and
 * nothing of Node. The host hands its one hook in on the global and takes the realm's API back the same way;
 * both are removed before any learner code runs, and every built-in used here is taken first, so learner
 * code that patches this realm's prototypes changes only what its own code sees.
 *
 * Data crosses the realm boundary only as strings (JSON of the wire forms, wire-codec.ts): no object of one
 * realm is ever handed to the other, so neither can reach the other's prototypes or its `Function`.
 */
import { decodeBatch, encodeOutput } from '../../../workers/host/wire-codec';
import type { NodeBatch, NodeOutput } from '../../../workers/kernel/protocol';
import { promiseThen } from '../../../workers/runtime/intrinsics';
import { NodeRuntime, reportUnhandledRejection } from '../../../workers/runtime/node-runtime';
import { roleModule, type CompiledRole } from '../../../workers/runtime/role-module';
import { installWebGlobals } from '../../../workers/runtime/web-globals';

/** A role compiled by the host (compile.ts, in its realm): evaluated here by this realm's `Function`. */
export interface RealmRole {
  role: string;
  file: string;
  code: string;
  mappings: string | undefined;
}

/** The realm's API, as the host calls it (every argument and result a string, or a host callback). */
export interface RealmApi {
  /** This node's id and the run's roles (JSON of RealmRole[]): forget the running node. */
  load(node: string, rolesJson: string): void;
  /** One batch (JSON of a WireBatch); `done` gets the JSON of the WireOutput. Never throws. */
  handle(batchJson: string, done: (outputJson: string) => void): void;
  /** The node's memory is gone (crash or stop). */
  stop(): void;
  /** Node reported an unhandled rejection of a promise of this realm. */
  unhandled(reason: unknown): void;
}

/** The host's hook: resume after the current macrotask (setImmediate in the host realm). */
type HostYield = (resume: () => void) => void;

const global = globalThis as unknown as Record<string, unknown>;
const hostYield = global.__playgroundHost as HostYield;
delete global.__playgroundHost;
const parse = JSON.parse;
const stringify = JSON.stringify;
const freeze = Object.freeze;

// What a Worker would have and role code may touch: a silent console, text and base64 codecs (role code turns
// strings into bytes for crypto.subtle), and a global `crypto` (role code gets the deterministic shadow of
// node-globals.ts in its place).
global.console = freeze({ log() {}, info() {}, warn() {}, error() {}, debug() {} });
global.crypto = freeze({});
installWebGlobals(global);

let nodeId = '';
let sources = new Map<string, RealmRole>();
let compiled = new Map<string, CompiledRole | string>();
let runtime: NodeRuntime | null = null;

const yieldToMacrotask = (): Promise<void> => new Promise<void>((resolve) => hostYield(() => resolve()));

function fatal(batch: NodeBatch, reason: string, where?: NodeOutput['fatal']): NodeOutput {
  return { node: batch.node, effects: [], nextTimerAt: null, fatal: where ?? { reason } };
}

function roleFor(name: string): CompiledRole | string | undefined {
  let role = compiled.get(name);
  if (role === undefined) {
    const source = sources.get(name);
    if (!source) return undefined;
    role = roleModule(source, source.code, source.mappings);
    compiled.set(name, role);
  }
  return role;
}

async function run(batch: NodeBatch): Promise<NodeOutput> {
  if (batch.boot) {
    const role = roleFor(batch.boot.role);
    if (role === undefined) return fatal(batch, `unknown role '${batch.boot.role}'`);
    if (typeof role === 'string') return fatal(batch, role);
    if (!runtime || runtime.role !== role) runtime = new NodeRuntime(nodeId, role, { yieldToMacrotask });
  }
  if (!runtime) return fatal(batch, 'got work before it was started');
  return runtime.handleBatch(batch);
}

const api: RealmApi = {
  load(node, rolesJson) {
    nodeId = node;
    sources = new Map((parse(rolesJson) as RealmRole[]).map((r) => [r.role, r]));
    compiled = new Map();
    runtime = null;
  },
  handle(batchJson, done) {
    let batch: NodeBatch | undefined;
    const answer = (output: NodeOutput): void => {
      let json: string;
      try {
        json = stringify(encodeOutput(output, batch!));
      } catch (error) {
        const reason = `its output could not be sent: ${error instanceof Error ? error.message : String(error)}`;
        json = stringify(encodeOutput(fatal(batch!, reason), batch!));
      }
      done(json);
    };
    const failed = (error: unknown): void =>
      answer(
        fatal(batch!, `the node runtime failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    try {
      batch = decodeBatch(parse(batchJson));
      promiseThen(run(batch), answer, failed);
    } catch (error) {
      if (batch) failed(error);
      else
        done(
          stringify({
            node: nodeId,
            nextTimerAt: null,
            count: 0,
            nums: [],
            ints: [],
            strings: [],
            ids: [],
            replyTo: [],
            extra: [],
            fatal: { reason: 'unreadable batch' },
          }),
        );
    }
  },
  stop() {
    runtime = null;
  },
  unhandled(reason) {
    reportUnhandledRejection(reason);
  },
};
global.__playgroundRealm = freeze(api);
