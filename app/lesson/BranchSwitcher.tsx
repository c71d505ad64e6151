/**
 * Branches of the run: a fault injected in the past forks the run, and the run it forked from is kept
 * (RunSession.branches). One button per branch, the run on screen marked; the compare line above says where
 * the run on screen parts from the branch it left.
 */
import type { RunBranch } from '../engine/runSession';
import type { FaultSpec } from '../../workers/kernel/protocol';
import { faultLabel } from './faultLabels';
import { formatMs } from '../format/time';

interface Props {
  branches: readonly RunBranch[];
  /** The faults of the run on screen. */
  current: readonly FaultSpec[];
  onSwitch(faults: readonly FaultSpec[]): void;
}

/** A branch named by its last fault, the one that forked it ("no faults" for the first). */
function branchName(faults: readonly FaultSpec[]): string {
  const last = faults[faults.length - 1];
  return last ? `with ${faultLabel(last)} at ${formatMs(last.at)}` : 'without faults';
}

export function BranchSwitcher({ branches, current, onSwitch }: Props) {
  if (branches.length === 0) return null;
  const currentKey = JSON.stringify(current);
  const others = branches.filter((b) => JSON.stringify(b.faults) !== currentKey);
  return (
    <p className="branch-switcher" data-testid="branches" role="group" aria-label="Branches of this run">
      Branches: <strong data-testid="branch-current">this run ({branchName(current)})</strong>
      {others.map((b) => (
        <button
          key={JSON.stringify(b.faults)}
          type="button"
          className="link-button"
          data-testid="branch"
          onClick={() => onSwitch(b.faults)}
        >
          {branchName(b.faults)}
        </button>
      ))}
    </p>
  );
}
