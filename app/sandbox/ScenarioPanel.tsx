/**
 * The left column of the sandbox: the scenario as a form (roles and their node counts, links with latency
 * and loss, scheduled faults, the network of every other pair, the run length) and what is wrong with it, each problem
 * naming its role or link. Changes go straight to the record; the page validates and builds the run.
 */
import type { ReactNode } from 'react';
import { ChoiceField, NameField, NumberField, Section } from './fields';
import { FaultsSection } from './FaultsSection';
import {
  faultTargets,
  MAX_LINKS,
  MAX_ROLES,
  roleNameProblem,
  type SandboxLink,
  type SandboxProblem,
  type SandboxScenario,
} from './sandboxSchema';

interface Props {
  scenario: SandboxScenario;
  problems: SandboxProblem[];
  onChange(next: SandboxScenario): void;
  /** Rename role `index` (its code and the links that name it follow). */
  onRenameRole(index: number, name: string): void;
  /** The sandbox picker and name, above the form. */
  header: ReactNode;
}

/** Names a new role gets, in order, before `role-N`. */
const NAMES = ['client', 'server', 'worker', 'store', 'cache', 'queue'];

function freeName(taken: string[]): string {
  const name = NAMES.find((n) => !taken.includes(n));
  if (name) return name;
  let n = taken.length + 1;
  while (taken.includes(`role-${n}`)) n++;
  return `role-${n}`;
}

export function ScenarioPanel({ scenario, problems, onChange, onRenameRole, header }: Props) {
  const names = scenario.roles.map((r) => r.name);
  const invalid = (path: string) => problems.some((p) => p.path === path || p.path.startsWith(`${path}.`));
  const set = (patch: Partial<SandboxScenario>) => onChange({ ...scenario, ...patch });
  const setLink = (i: number, patch: Partial<SandboxLink>) =>
    set({ links: scenario.links.map((l, k) => (k === i ? { ...l, ...patch } : l)) });

  const addRole = () => set({ roles: [...scenario.roles, { name: freeName(names), count: 1 }] });
  const addLink = () => {
    const [first = '', second = first] = names;
    set({
      links: [
        ...scenario.links,
        { from: first, to: second, latencyMs: scenario.network.latencyMs, lossPct: 0 },
      ],
    });
  };

  return (
    <aside className="sbx-panel" aria-label="Scenario" data-testid="sandbox-panel">
      {header}
      {problems.length > 0 && (
        <div className="sbx-problems" role="alert" data-testid="sandbox-problems">
          <strong>
            {problems.length === 1 ? 'One thing to fix' : `${problems.length} things to fix`} before this
            runs:
          </strong>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      <Section
        title="Roles"
        hint={
          scenario.roles.length === 0
            ? 'An empty system. Add a role: each of its nodes runs the role’s code, which opens on the right.'
            : 'Each node of a role runs its code. One node is named after the role; more are role-1, role-2…'
        }
        action={
          <button
            type="button"
            className="button small"
            onClick={addRole}
            disabled={scenario.roles.length >= MAX_ROLES}
            data-testid="add-role"
          >
            + Add role
          </button>
        }
      >
        <ol className="sbx-rows">
          {scenario.roles.map((role, i) => (
            <li key={i} className="sbx-row" data-testid={`role-row-${i}`}>
              <NameField
                label="Role"
                value={role.name}
                problem={(next) =>
                  roleNameProblem(
                    next,
                    names.filter((_, k) => k !== i),
                  )
                }
                onCommit={(next) => onRenameRole(i, next)}
                invalid={invalid(`roles.${i}.name`)}
                testId={`role-name-${i}`}
              />
              <NumberField
                label="Nodes"
                value={role.count}
                onChange={(count) =>
                  set({ roles: scenario.roles.map((r, k) => (k === i ? { ...r, count } : r)) })
                }
                invalid={invalid(`roles.${i}.count`)}
                testId={`role-count-${i}`}
              />
              <button
                type="button"
                className="button ghost small icon-only sbx-remove"
                aria-label={`Remove the role ${role.name}`}
                title="Remove this role (its code stays saved under its name)"
                onClick={() => set({ roles: scenario.roles.filter((_, k) => k !== i) })}
                data-testid={`remove-role-${i}`}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      </Section>
      <Section
        title="Links"
        hint="Every node reaches every other over the network below. A link sets the latency and loss between the nodes of two roles, both ways."
        action={
          <button
            type="button"
            className="button small"
            onClick={addLink}
            disabled={scenario.roles.length === 0 || scenario.links.length >= MAX_LINKS}
            title={scenario.roles.length === 0 ? 'Add a role first' : undefined}
            data-testid="add-link"
          >
            + Add link
          </button>
        }
      >
        <ol className="sbx-rows">
          {scenario.links.map((link, i) => (
            <li key={i} className="sbx-row sbx-link" data-testid={`link-row-${i}`}>
              <div className="sbx-link-ends">
                <ChoiceField
                  label="From"
                  value={link.from}
                  names={names}
                  invalid={invalid(`links.${i}.from`) || invalid(`links.${i}`)}
                  onChange={(from) => setLink(i, { from })}
                  testId={`link-from-${i}`}
                />
                <span aria-hidden="true" className="sbx-both-ways">
                  ↔
                </span>
                <ChoiceField
                  label="To"
                  value={link.to}
                  names={names}
                  invalid={invalid(`links.${i}.to`) || invalid(`links.${i}`)}
                  onChange={(to) => setLink(i, { to })}
                  testId={`link-to-${i}`}
                />
                <button
                  type="button"
                  className="button ghost small icon-only sbx-remove"
                  aria-label={`Remove the link ${link.from} to ${link.to}`}
                  onClick={() => set({ links: scenario.links.filter((_, k) => k !== i) })}
                  data-testid={`remove-link-${i}`}
                >
                  ×
                </button>
              </div>
              <div className="sbx-link-specs">
                <NumberField
                  label="Latency"
                  unit="ms"
                  value={link.latencyMs}
                  onChange={(latencyMs) => setLink(i, { latencyMs })}
                  invalid={invalid(`links.${i}.latencyMs`)}
                  testId={`link-latency-${i}`}
                />
                <NumberField
                  label="Loss"
                  unit="%"
                  value={link.lossPct}
                  onChange={(lossPct) => setLink(i, { lossPct })}
                  invalid={invalid(`links.${i}.lossPct`)}
                  testId={`link-loss-${i}`}
                />
              </div>
            </li>
          ))}
        </ol>
      </Section>
      <FaultsSection
        faults={scenario.faults}
        targets={faultTargets(scenario.roles)}
        roles={new Map(scenario.roles.filter((r) => r.count > 1).map((r) => [r.name, r.count]))}
        invalid={invalid}
        onChange={(faults) => set({ faults })}
      />
      <Section title="Network and run">
        <div className="sbx-row sbx-network">
          <NumberField
            label="Latency"
            unit="ms"
            value={scenario.network.latencyMs}
            onChange={(latencyMs) => set({ network: { ...scenario.network, latencyMs } })}
            invalid={invalid('network.latencyMs')}
            testId="network-latency"
          />
          <NumberField
            label="Loss"
            unit="%"
            value={scenario.network.lossPct}
            onChange={(lossPct) => set({ network: { ...scenario.network, lossPct } })}
            invalid={invalid('network.lossPct')}
            testId="network-loss"
          />
          <NumberField
            label="Run for"
            unit="s"
            step={0.5}
            value={scenario.untilMs / 1000}
            onChange={(s) => set({ untilMs: Math.round(s * 1000) })}
            invalid={invalid('untilMs')}
            testId="run-length"
          />
        </div>
        <p className="sbx-hint">
          To inject one more fault while the system runs, click a node or a link in the graph: crash, pause,
          partition, slow or lossy links. Share keeps the faults you added and those above.
        </p>
      </Section>
    </aside>
  );
}
