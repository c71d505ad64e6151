/**
 * The sandbox form's scheduled faults: one row per fault (what, to which node or between which two, at,
 * for how long, how much), part of the scenario, so they are saved, shared and exported with it and every
 * run has them (the timeline marks them as a lesson's). Clicking the graph during a run still adds more.
 */
import { ChoiceField, NumberField, Section } from './fields';
import {
  AMOUNT,
  BETWEEN,
  defaultAmount,
  FAULT_KINDS,
  MAX_FAULTS,
  newFault,
  type SandboxFault,
  type SandboxFaultKind,
} from './sandboxFaults';

interface Props {
  faults: SandboxFault[];
  /** Node ids, and role names of roles with several nodes (a fault on one acts on all its nodes). */
  targets: string[];
  /** Role names with several nodes, labelled as all of them in the menus. */
  roles: ReadonlyMap<string, number>;
  invalid(path: string): boolean;
  onChange(faults: SandboxFault[]): void;
}

const KINDS = Object.keys(FAULT_KINDS) as SandboxFaultKind[];

export function FaultsSection({ faults, targets, roles, invalid, onChange }: Props) {
  const set = (i: number, patch: Partial<SandboxFault>) =>
    onChange(faults.map((f, k) => (k === i ? { ...f, ...patch } : f)));
  const labelOf = (name: string) => {
    const count = roles.get(name);
    return count === undefined ? name : `${name} (all ${count})`;
  };
  const setKind = (i: number, fault: SandboxFault, kind: SandboxFaultKind) => {
    const peer = BETWEEN.includes(kind) ? fault.peer || (targets.find((t) => t !== fault.node) ?? '') : '';
    set(i, { kind, peer, amount: defaultAmount(kind) });
  };

  return (
    <Section
      title="Faults"
      hint={
        faults.length === 0
          ? 'Schedule what goes wrong: a node crashes or pauses, two nodes are cut apart, a link turns slow or lossy, a clock is set off. Every run has them.'
          : 'Each run applies these at their time (ms since the start) and undoes them “For” ms later (0: not before the run ends). The timeline marks them.'
      }
      action={
        <button
          type="button"
          className="button small"
          onClick={() => onChange([...faults, newFault(targets)])}
          disabled={targets.length === 0 || faults.length >= MAX_FAULTS}
          title={targets.length === 0 ? 'Add a role first' : undefined}
          data-testid="add-fault"
        >
          + Add fault
        </button>
      }
    >
      <ol className="sbx-rows">
        {faults.map((fault, i) => {
          const amount = AMOUNT[fault.kind];
          const between = BETWEEN.includes(fault.kind);
          return (
            <li key={i} className="sbx-row sbx-card" data-testid={`fault-row-${i}`}>
              <div className="sbx-card-line">
                <label className="sbx-field">
                  <span>Fault</span>
                  <select
                    value={fault.kind}
                    onChange={(e) => setKind(i, fault, e.target.value as SandboxFaultKind)}
                    data-testid={`fault-kind-${i}`}
                  >
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {FAULT_KINDS[k]}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  className="button ghost small icon-only sbx-remove"
                  aria-label={`Remove fault ${i + 1}`}
                  onClick={() => onChange(faults.filter((_, k) => k !== i))}
                  data-testid={`remove-fault-${i}`}
                >
                  ×
                </button>
              </div>
              <div className="sbx-card-line sbx-card-ends">
                <ChoiceField
                  label={between ? 'Between' : 'Node'}
                  value={fault.node}
                  names={targets}
                  labelOf={labelOf}
                  noun="node"
                  invalid={invalid(`faults.${i}.node`)}
                  onChange={(node) => set(i, { node })}
                  testId={`fault-node-${i}`}
                />
                {between && (
                  <>
                    <span aria-hidden="true" className="sbx-both-ways">
                      ↔
                    </span>
                    <ChoiceField
                      label="And"
                      value={fault.peer}
                      names={targets}
                      labelOf={labelOf}
                      noun="node"
                      invalid={invalid(`faults.${i}.peer`)}
                      onChange={(peer) => set(i, { peer })}
                      testId={`fault-peer-${i}`}
                    />
                  </>
                )}
              </div>
              <div className="sbx-card-line">
                <NumberField
                  label="At"
                  unit="ms"
                  step={100}
                  value={fault.atMs}
                  onChange={(atMs) => set(i, { atMs })}
                  invalid={invalid(`faults.${i}.atMs`)}
                  testId={`fault-at-${i}`}
                />
                <NumberField
                  label="For"
                  unit="ms"
                  step={100}
                  value={fault.forMs}
                  onChange={(forMs) => set(i, { forMs })}
                  invalid={invalid(`faults.${i}.forMs`)}
                  testId={`fault-for-${i}`}
                />
                {amount && (
                  <NumberField
                    label={amount.label}
                    unit={amount.unit}
                    value={fault.amount}
                    onChange={(value) => set(i, { amount: value })}
                    invalid={invalid(`faults.${i}.amount`)}
                    testId={`fault-amount-${i}`}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </Section>
  );
}
