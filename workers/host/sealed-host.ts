/**
 * The in-process host under a sealed realm (sealed-realm.ts): every node's runtime in this thread, each node
 * boot's role code evaluated in a Compartment of its own (the browser's sealed Check, app/check/sealed-check.worker.ts).
 *
 * A boot's Compartment gets what a node Worker gives role code, so a role runs alike in both: a silent
 * console and the text and base64 codecs (web-globals.ts, the ones VmHost's realms get), hardened so that no
 * boot can change them for another. The runtime's own classes that role code holds instances of (storage,
 * RPC promises, timeout errors) are hardened too: with one realm for every node, a patched prototype would
 * reach the other nodes, as it cannot between Workers.
 */
import { InProcessHost } from './in-process-host';
import { compartmentFunction, hardenValue, sealRealm } from './sealed-realm';
import { RpcPromise, RpcTimeoutError } from '../runtime/rpc';
import { NodeStorage } from '../runtime/storage';
import { installWebGlobals } from '../runtime/web-globals';

let endowments: Record<string, unknown> | undefined;

/** Seal this realm (once, for good) and freeze what every Compartment shares. */
function sharedEndowments(): Record<string, unknown> {
  if (endowments) return endowments;
  sealRealm();
  const globals: Record<string, unknown> = {
    console: { log() {}, info() {}, warn() {}, error() {}, debug() {} },
    crypto: {},
  };
  installWebGlobals(globals);
  hardenValue([RpcPromise, RpcTimeoutError, NodeStorage]);
  endowments = hardenValue(globals);
  return endowments;
}

/** A host whose nodes' role code runs sealed. The first call locks this whole realm down. */
export function sealedHost(): InProcessHost {
  const shared = sharedEndowments();
  return new InProcessHost({ newRealm: () => compartmentFunction({ ...shared }) });
}

/** Lock this realm down now (once, for good), before anything of a learner's is read. */
export function sealThisRealm(): void {
  sharedEndowments();
}
