import { useState } from 'react';
import type { RunView } from '../trace';
import { Console } from '../views/console/Console';
import { NodeInspector } from '../views/inspector/NodeInspector';
import { MetricsPanel } from '../views/metrics/MetricsPanel';

type Tab = 'inspector' | 'console' | 'metrics';

interface Props {
  view: RunView;
  selected: string | undefined;
  metrics: string[];
  roles: string[];
}

/** Under the graph: the selected node, every node's logs, and the scenario's charts. */
export function BottomPanel({ view, selected, metrics, roles }: Props) {
  const [chosen, setChosen] = useState<Tab>('console');
  // Selecting a node in the graph is a request to see it.
  const [lastSelected, setLastSelected] = useState(selected);
  if (selected !== lastSelected) {
    setLastSelected(selected);
    if (selected) setChosen('inspector');
  }
  const node = view.nodes.find((n) => n.id === selected);
  const tabs: { id: Tab; label: string; count?: number }[] = [
    { id: 'console', label: 'Console', count: view.logs.length + view.errors.length },
    { id: 'inspector', label: selected ? `Node: ${selected}` : 'Inspector' },
    { id: 'metrics', label: 'Metrics' },
  ];

  return (
    <section className="bottom-panel" aria-label="Run details">
      <div className="tab-bar" role="tablist">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            aria-selected={chosen === tab.id}
            className="tab"
            onClick={() => setChosen(tab.id)}
            data-testid={`tab-${tab.id}`}
          >
            {tab.label}
            {tab.count !== undefined && tab.count > 0 && <span className="tab-count">{tab.count}</span>}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel" data-testid={`panel-${chosen}`}>
        {chosen === 'console' && <Console logs={view.logs} errors={view.errors} />}
        {chosen === 'inspector' && <NodeInspector node={node} />}
        {chosen === 'metrics' && <MetricsPanel view={view} metrics={metrics} roles={roles} />}
      </div>
    </section>
  );
}
