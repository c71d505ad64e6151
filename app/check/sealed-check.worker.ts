/**
 * The sealed check Worker: a whole share of a Check's seeds in one thread, the kernel, every node and the
 * checkers together, each node boot's role code in a Compartment of a locked-down realm (sealed-host.ts).
 * A node Worker per node costs a round trip per window, thousands per seed; here a window is a function call.
 *
 * It runs as a `data:` Worker of the sandboxed node frame (the check Worker hands the frame this bundle's text),
 * so it has the frame's opaque origin and CSP: no network, no storage, like every node Worker. Learner code
 * cannot reach the verdict: its Compartment's global has no `postMessage` (bound below, before lockdown and
 * before any role code) and no way to this realm's global, and every intrinsic the checkers use is frozen.
 * What it cannot do is stop a node that never returns: the check Worker's watchdog notices the silence and
 * reruns that seed on node Workers, whose watchdog names node, file and line (sealedShare.ts).
 *
 * The lessons' scenarios and checks are in this one file (eager globs): a `data:` Worker cannot import.
 */
import { checkScenario } from '../../workers/host/headless';
import { macrotaskYield } from '../../workers/runtime/macrotask';
import { shrinkFailingSeed } from '../../workers/host/shrink';
import { sealedHost, sealThisRealm } from '../../workers/host/sealed-host';
import type {
  LoadError,
  NodeBatch,
  NodeHost,
  NodeId,
  NodeOutput,
  RoleSource,
} from '../../workers/kernel/protocol';
import type { Check, Scenario } from '../../workers/kernel/scenario';
import { BEAT_EVERY_MS, type FromSealed, type SealedJob, type SealedPhase } from './sealed-check-protocol';

const scenarios = import.meta.glob<Scenario>(
  ['/lessons/*/*/scenario.ts', '/lessons/*/*/steps/*/scenario.ts'],
  {
    import: 'default',
    eager: true,
  },
);
const checkModules = import.meta.glob<Check[]>(['/lessons/*/*/checks.ts', '/lessons/*/*/steps/*/checks.ts'], {
  import: 'default',
  eager: true,
});

interface WorkerScope {
  postMessage(message: FromSealed): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
}
const scope = self as unknown as WorkerScope;
/** The one way out, taken before lockdown. */
const post = scope.postMessage.bind(scope);
const clock = performance.now.bind(performance);

sealThisRealm();

/** Beats at most every BEAT_EVERY_MS, and at once when the phase changes. */
function beater(): (phase: SealedPhase) => void {
  let last = -Infinity;
  let lastPhase: SealedPhase | undefined;
  return (phase) => {
    const now = clock();
    if (phase === lastPhase && now - last < BEAT_EVERY_MS) return;
    last = now;
    lastPhase = phase;
    post({ kind: 'beat', phase });
  };
}

/**
 * The sealed host of one run, beating before each window and when the run is over. `threw` says whether role
 * code threw anywhere in the run (an `error` effect, or a runtime that failed): see FromSealed's `seed`.
 */
class BeatingHost implements NodeHost {
  threw = false;
  constructor(
    private readonly inner: NodeHost,
    private readonly beat: (phase: SealedPhase) => void,
  ) {}
  load(roles: RoleSource[]): Promise<LoadError[]> {
    this.beat('boot');
    return this.inner.load(roles);
  }
  async deliver(batches: NodeBatch[]): Promise<NodeOutput[]> {
    this.beat(batches.some((b) => b.boot) ? 'boot' : 'run');
    const outputs = await this.inner.deliver(batches);
    this.threw ||= outputs.some((o) => o.fatal !== undefined || o.effects.some((e) => e.kind === 'error'));
    return outputs;
  }
  stop(nodes: NodeId[]): Promise<void> {
    return this.inner.stop(nodes);
  }
  dispose(): Promise<void> {
    // What follows is the checkers judging the run (checkScenario disposes the host first).
    this.beat('judge');
    return this.inner.dispose();
  }
}

async function run(job: SealedJob): Promise<void> {
  const found = scenarios[`/lessons/${job.scenarioPath}`];
  const checks = checkModules[`/lessons/${job.checksPath}`];
  if (!found || !checks)
    return post({ kind: 'failed', reason: `lessons/${job.scenarioPath} is not in the sealed check bundle` });
  const scenario = { ...found, checks };
  post({ kind: 'ready' });
  const beat = beater();
  const hosts: BeatingHost[] = [];
  const host = () => {
    const made = new BeatingHost(sealedHost(), beat);
    hosts.push(made);
    return made;
  };
  /** Whether role code threw since the last call, in any run (the platform reports rejections a task late). */
  const anyThrew = async () => {
    await nextTask();
    const threw = hosts.splice(0).some((h) => h.threw) || rejected;
    rejected = false;
    return threw;
  };
  if (job.mode === 'shrink') {
    const shrunk = await shrinkFailingSeed(scenario, job.roles, job.seed, job.checkName, host);
    return post({ kind: 'shrunk', shrunk, threw: await anyThrew() });
  }
  for (const seed of job.seeds) {
    const outcome = await checkScenario(scenario, job.roles, [seed], host);
    const threw = await anyThrew();
    // SES refuses some sources a Worker runs (`import(`, `<!--`): the node-Worker path says what is wrong.
    if (!outcome.ok) return post({ kind: 'refused', errors: outcome.errors });
    post({ kind: 'seed', seed, results: outcome.results, threw });
  }
  post({ kind: 'done' });
}

/**
 * An unhandled rejection of role code: a node Worker makes it an `error` event of its node, which needs nodes
 * run one at a time to know whose it was; here they interleave, so the seed goes to node Workers instead.
 */
let rejected = false;
scope.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  event.preventDefault();
  rejected = true;
});

/** After the tasks already queued (a real task of this thread; nothing of a run's trace depends on it). */
const nextTask = macrotaskYield();

let started = false;
scope.addEventListener('message', (event: MessageEvent) => {
  const job = event.data as SealedJob | undefined;
  if (started || job?.kind !== 'job') return;
  started = true;
  run(job).catch((error: unknown) =>
    post({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
  );
});
