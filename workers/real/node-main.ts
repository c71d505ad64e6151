/**
 * The entry of one node process (real mode, and the container image of the Kubernetes bundle). It compiles
 * the role with the simulation's compile step, runs it through the simulation's NodeRuntime on the real
 * clock (RealDriver), takes messages over HTTP and sends them through the outbound filter.
 *
 * Two ways to be told what to do:
 * - forked by the launcher (an IPC channel exists): `local-node.ts`; the launcher is the control plane.
 * - in a container (no IPC): `cluster-node.ts` reads its environment; Service DNS is the discovery.
 */
import { runClusterNode } from './cluster-node';
import { runLocalNode } from './local-node';

if (typeof process.send === 'function') runLocalNode();
else
  runClusterNode(process.env).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
