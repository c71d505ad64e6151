import { useMemo, type ReactNode } from 'react';
import type { TraceEvent } from '../../workers/kernel/protocol';
import type { RunView } from '../trace';
import { DETAIL_TABS } from '../ui/labels';
import { Console } from '../views/console/Console';
import { NodeInspector } from '../views/inspector/NodeInspector';
import { MetricsPanel } from '../views/metrics/MetricsPanel';
import { SpaceTimeDiagram } from '../views/spacetime/SpaceTimeDiagram';
import { TracesPanel } from '../views/waterfall/TracesPanel';

export type DetailsTab = 'console' | 'inspector' | 'sequence' | 'traces' | 'metrics' | 'checks' | 'stats';

interface Props {
  tab: DetailsTab;
  onTab(tab: DetailsTab): void;
  view: RunView;
  events: readonly TraceEvent[];
  duration: number;
  selected: string | undefined;
  onSelect(id: string): void;
  onSeek(t: number): void;
  metrics: string[];
  roles: string[];
  /** The check results, rendered by the page (the checks belong to the lesson, not to the run). */
  checks: ReactNode;
  /** The budgets of the last Check beside their targets (StatsPanel), rendered by the page likewise. */
  stats: ReactNode;
}

/** Under the graph: every node's logs, the selected node, the sequence diagram, charts, check results and budgets. */
export function BottomPanel(props: Props) {
  const { tab, onTab, view, selected } = props;
  const node = view.nodes.find((n) => n.id === selected);
  const { events } = props;
  const count = events.length;
  // The Traces tab is there once a message carries a trace context (the tracing lessons).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const traced = useMemo(() => events.some((e) => e.kind === 'send' && e.message.trace), [events, count]);
  const tabs: { id: DetailsTab; label: string; count?: number }[] = [
    { id: 'console', label: DETAIL_TABS.console, count: view.logs.length + view.errors.length },
    { id: 'inspector', label: selected ? `Node: ${selected}` : DETAIL_TABS.inspector },
    { id: 'sequence', label: DETAIL_TABS.sequence },
    ...(traced ? [{ id: 'traces' as const, label: DETAIL_TABS.traces }] : []),
    { id: 'metrics', label: DETAIL_TABS.metrics },
    { id: 'checks', label: DETAIL_TABS.checks },
    { id: 'stats', label: DETAIL_TABS.stats },
  ];

  return (
    <section className="bottom-panel" aria-label="Run details">
      <div className="tab-bar" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className="tab"
            onClick={() => onTab(t.id)}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
            {t.count !== undefined && t.count > 0 && <span className="tab-count">{t.count}</span>}
          </button>
        ))}
      </div>
      {/* Focusable: a panel that scrolls must scroll from the keyboard too (its content may have no control). */}
      <div className={`tab-body tab-body-${tab}`} role="tabpanel" tabIndex={0} data-testid={`panel-${tab}`}>
        {tab === 'console' && <Console logs={view.logs} errors={view.errors} />}
        {tab === 'inspector' && <NodeInspector node={node} />}
        {tab === 'sequence' && (
          <SpaceTimeDiagram
            events={props.events}
            nodes={view.nodes}
            roles={props.roles}
            t={view.t}
            duration={props.duration}
            messageTypes={view.messageTypes}
            selected={selected}
            onSeek={props.onSeek}
            onSelectNode={props.onSelect}
          />
        )}
        {tab === 'traces' && (
          <TracesPanel
            events={props.events}
            t={view.t}
            messageTypes={view.messageTypes}
            onSeek={props.onSeek}
          />
        )}
        {tab === 'metrics' && (
          <MetricsPanel
            view={view}
            events={props.events}
            duration={props.duration}
            metrics={props.metrics}
            roles={props.roles}
          />
        )}
        {tab === 'checks' && props.checks}
        {tab === 'stats' && props.stats}
      </div>
    </section>
  );
}
