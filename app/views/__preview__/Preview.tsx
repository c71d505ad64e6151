/**
 * A scratch page for the run views with a hand-made trace: `?t=<ms>&theme=dark`. Not part of the app;
 * the shell's lesson page composes the views for real.
 */
import { useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RunViewIndex } from '../../trace';
import { Console } from '../console/Console';
import { NetworkGraph } from '../graph/NetworkGraph';
import { NodeInspector } from '../inspector/NodeInspector';
import { MetricsPanel } from '../metrics/MetricsPanel';
import { Timeline } from '../timeline/Timeline';
import { Bench } from './Bench';
import { previewFaults, previewNodes, previewRoles, previewTrace } from './previewTrace';

const params = new URLSearchParams(location.search);
document.documentElement.dataset.theme = params.get('theme') ?? 'light';

function Preview() {
  const index = useMemo(() => new RunViewIndex(previewNodes).append(previewTrace()), []);
  const [t, setT] = useState(Number(params.get('t') ?? 870));
  const [selected, setSelected] = useState<string | undefined>(params.get('node') ?? 'lb');
  const view = index.at(t);
  return (
    <div className="pv">
      <header className="pv-bar">
        <strong>Load balancing</strong>
        <span>round robin over three servers</span>
      </header>
      <main className="pv-graph">
        <NetworkGraph
          view={view}
          roles={previewRoles}
          selected={selected}
          onNodeClick={(id) => setSelected(id)}
          onLinkClick={() => {}}
        />
      </main>
      <aside className="pv-side">
        <NodeInspector node={view.nodes.find((n) => n.id === selected)} />
      </aside>
      <footer className="pv-time">
        <Timeline
          duration={2000}
          t={t}
          reachedMs={1500}
          events={index.trace}
          faults={previewFaults}
          onSeek={setT}
        />
      </footer>
      <section className="pv-console">
        <Console logs={view.logs} errors={view.errors} />
      </section>
      <section className="pv-metrics">
        <MetricsPanel view={view} metrics={['latency_ms', 'queue']} roles={previewRoles} />
      </section>
    </div>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(params.has('bench') ? <Bench /> : <Preview />);
