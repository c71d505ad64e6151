/**
 * The child-process half of `runContained` (guarded.ts): takes one job from its parent, runs it with
 * `runGuarded`, and tells the parent what it is doing, so that if the process aborts (a huge allocation) the
 * parent can still name the node. Then it exits.
 */
import type { RunOutcome } from '../../workers/host/headless';
import {
  RunawayError,
  runGuarded,
  type CheckOutcome,
  type ContainedMessage,
  type GuardedJob,
} from './guarded';

const send = (message: ContainedMessage) =>
  new Promise<void>((done) => process.send!(message, undefined, undefined, () => done()));

// The parent is gone (killed, or it stopped waiting): so is the reason to run.
process.once('disconnect', () => process.exit(1));

process.once('message', ({ job, budgetMs }: { job: GuardedJob; budgetMs: number }) => {
  const onDoing = (doing: string) => void send({ kind: 'doing', doing });
  const run = (runGuarded as (j: GuardedJob, o: object) => Promise<RunOutcome | CheckOutcome>)(job, {
    budgetMs,
    onDoing,
  });
  void run
    .then(
      (value) => send({ kind: 'done', ok: true, value }),
      (error: unknown) =>
        send({
          kind: 'done',
          ok: false,
          error: error instanceof Error ? error.message : String(error),
          runaway: error instanceof RunawayError,
        }),
    )
    .finally(() => process.exit(0));
});
