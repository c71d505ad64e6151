/**
 * The headless host with one realm per node: each node's runtime and role code run in a `node:vm` context of
 * their own (realm-entry.ts, bundled), on this thread. So `Object.prototype` pollution by one node is invisible
 * to another and to the kernel (as in the browser, one Worker per node: the same seed gives the same hash), and
 * role code has no `process`, `require`, `import()` (refused: no dynamic-import callback), file system, child
 * processes or sockets: the context's global holds only ECMAScript built-ins and what realm-entry.ts puts there.
 *
 * The context's global is made from a null-prototype object, so `this.constructor.constructor` reaches this
 * realm's `Object`, not ours (the classic vm escape). Nothing but strings and a few callbacks of ours ever
 * cross (see realm-entry.ts), and the callbacks are held in closures role code cannot reach.
 *
 * Not a security boundary against V8 bugs or against a loop or allocation that never ends: the guarded worker
 * thread around it (guarded.ts) kills those.
 */
import { buildSync } from 'esbuild';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import type {
  LoadError,
  NodeBatch,
  NodeHost,
  NodeId,
  NodeOutput,
  RoleSource,
} from '../../../workers/kernel/protocol';
import { transformRole } from '../../../workers/runtime/compile';
import { decodeOutput, encodeBatch, type WireOutput } from '../../../workers/host/wire-codec';
import type { RealmApi, RealmRole } from './realm-entry';

let bundle: vm.Script | undefined;
/** The bundle's text when it was made elsewhere (useRealmSource): esbuild is a child process, refused here. */
let givenSource: string | undefined;

/** The realm's built-ins the bundled runtime refers to (taken before any role code runs, like intrinsics.ts). */
const INTRINSIC_GLOBALS = [
  'Object',
  'Array',
  'Map',
  'Set',
  'WeakMap',
  'JSON',
  'Number',
  'String',
  'Symbol',
  'Math',
  'Promise',
  'Reflect',
  'Function',
  'Error',
  'TypeError',
  'RangeError',
  'Date',
  'Uint8Array',
  'Uint32Array',
  'Float64Array',
  'BigInt',
  'isNaN',
  'undefined',
];

/**
 * realm-entry.ts and the runtime, bundled (by esbuild, a child process): made by a process that may spawn,
 * for one under Node's permission model (runContained's child), which then calls useRealmSource.
 */
export function realmSource(): string {
  if (givenSource !== undefined) return givenSource;
  const built = buildSync({
    entryPoints: [fileURLToPath(new URL('./realm-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  givenSource = built.outputFiles[0]!.text;
  return givenSource;
}

/** Use `source` (from realmSource in another process) instead of bundling here. */
export function useRealmSource(source: string): void {
  givenSource = source;
}

/** The realm bundle, compiled once per process (a Script runs in any context). */
function realmScript(): vm.Script {
  if (!bundle) {
    // A contextified global answers lookups through Node's interceptor, and role code may replace its entries:
    // the built-ins the runtime uses are bound once, as parameters, before any role code runs.
    const names = INTRINSIC_GLOBALS.join(', ');
    const code = `(function (${names}) {\n${realmSource()}\n})(${names});`;
    bundle = new vm.Script(code, { filename: 'playground-realm.js' });
  }
  return bundle;
}

interface Realm {
  api: RealmApi;
  /** The context's Promise.prototype: how an unhandled rejection is traced to its node. */
  promiseProto: object;
  rolesVersion: number;
}

/** Every live host, for the process-wide unhandled-rejection report. */
const hosts = new Set<VmHost>();

/**
 * Node's `unhandledRejection` for a promise of some node's realm: an error event of that node. True when it
 * was one (the caller reports the others as its own bugs).
 */
export function reportRealmRejection(reason: unknown, promise: Promise<unknown>): boolean {
  for (const host of hosts) if (host.takeRejection(reason, promise)) return true;
  return false;
}

const resumeSoon = (resume: () => void): void => {
  setImmediate(resume);
};

export class VmHost implements NodeHost {
  private rolesJson = '[]';
  private rolesVersion = 0;
  private readonly realms = new Map<NodeId, Realm>();

  constructor() {
    hosts.add(this);
  }

  async load(sources: RoleSource[]): Promise<LoadError[]> {
    const errors: LoadError[] = [];
    const roles: RealmRole[] = [];
    for (const source of sources) {
      const out = transformRole(source);
      if (out.ok)
        roles.push({ role: source.role, file: source.file, code: out.code, mappings: out.mappings });
      else errors.push(out.error);
    }
    // Running nodes keep the code they booted with; the next boot uses the new code (as in-process).
    this.rolesJson = JSON.stringify(roles);
    this.rolesVersion++;
    return errors;
  }

  deliver(batches: NodeBatch[]): Promise<NodeOutput[]> {
    return Promise.all(batches.map((batch) => this.run(batch)));
  }

  async stop(nodes: NodeId[]): Promise<void> {
    for (const id of nodes) this.realms.get(id)?.api.stop();
  }

  async dispose(): Promise<void> {
    this.realms.clear();
    hosts.delete(this);
  }

  /** See reportRealmRejection. */
  takeRejection(reason: unknown, promise: Promise<unknown>): boolean {
    let proto: unknown = promise;
    for (let depth = 0; depth < 4 && proto !== null; depth++) {
      proto = Object.getPrototypeOf(proto);
      for (const realm of this.realms.values()) {
        if (realm.promiseProto !== proto) continue;
        realm.api.unhandled(reason);
        return true;
      }
    }
    return false;
  }

  private run(batch: NodeBatch): Promise<NodeOutput> {
    let realm = this.realms.get(batch.node);
    // A boot with new code gets a new realm: nothing a previous incarnation patched survives a code change.
    if (!realm || (batch.boot && realm.rolesVersion !== this.rolesVersion)) {
      realm = this.open(batch.node);
      this.realms.set(batch.node, realm);
    }
    const api = realm.api;
    const wire = JSON.stringify(encodeBatch(batch));
    return new Promise<NodeOutput>((resolve) => {
      api.handle(wire, (json) => resolve(this.read(json, batch)));
    });
  }

  private read(json: string, batch: NodeBatch): NodeOutput {
    try {
      return decodeOutput(JSON.parse(json) as WireOutput, batch);
    } catch (error) {
      const reason = `the kernel could not read its output (${error instanceof Error ? error.message : String(error)})`;
      return { node: batch.node, effects: [], nextTimerAt: null, fatal: { reason } };
    }
  }

  private open(node: NodeId): Realm {
    const sandbox = Object.create(null) as Record<string, unknown>;
    sandbox.__playgroundHost = resumeSoon;
    const context = vm.createContext(sandbox, {
      name: `node ${node}`,
      codeGeneration: { strings: true, wasm: false },
    });
    realmScript().runInContext(context);
    const api = sandbox.__playgroundRealm as RealmApi;
    delete sandbox.__playgroundRealm;
    const promiseProto = vm.runInContext('Promise.prototype', context) as object;
    api.load(node, this.rolesJson);
    return { api, promiseProto, rolesVersion: this.rolesVersion };
  }
}
