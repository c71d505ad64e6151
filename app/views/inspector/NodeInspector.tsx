/**
 * Everything about one node at the cursor: status, role, clock skew, its `state` and `storage` as trees,
 * errors with file:line, recent logs, and a sparkline per metric.
 */
import type { ReactNode } from 'react';
import { formatMs, formatOffsetMs } from '../../format/time';
import type { NodeViewState } from '../../trace';
import { Sparkline } from '../metrics/Sparkline';
import { JsonTree } from './JsonTree';
import './inspector.css';

export interface NodeInspectorProps {
  node: NodeViewState | undefined;
  /** Log lines shown (the newest). */
  recentLogs?: number;
}

const STATUS_TEXT: Record<NodeViewState['status'], string> = {
  up: 'Up',
  crashed: 'Crashed',
  paused: 'Paused',
  stopped: 'Stopped',
};

export function NodeInspector({ node, recentLogs = 30 }: NodeInspectorProps) {
  if (!node) {
    return (
      <section className="ni ni-empty" aria-label="Node inspector">
        <p>Select a node in the graph to see its state, storage, logs and metrics.</p>
      </section>
    );
  }
  const storageKeys = Object.keys(node.storage);
  const metricNames = Object.keys(node.metrics);
  const logs = node.logs.slice(-recentLogs);
  return (
    <section className="ni" aria-label={`Node ${node.id}`}>
      <header className="ni-head">
        <h3>{node.id}</h3>
        <span className={`ni-status is-${node.status}`}>{STATUS_TEXT[node.status]}</span>
        <dl className="ni-facts">
          <div>
            <dt>role</dt>
            <dd>{node.role}</dd>
          </div>
          {node.clockOffset !== 0 && (
            <div>
              <dt>clock</dt>
              <dd>{formatOffsetMs(node.clockOffset)}</dd>
            </div>
          )}
        </dl>
      </header>
      {node.status === 'crashed' && node.lastCrashReason && (
        <p className="ni-crash">
          Crashed: {node.lastCrashReason}. Memory is lost; storage survives a restart.
        </p>
      )}
      {node.errors.length > 0 && (
        <Section title="Errors" count={node.errors.length}>
          <ul className="ni-errors">
            {node.errors.slice(-10).map((e, i) => (
              <li key={i}>
                <span className="ni-t">{formatMs(e.t)}</span>
                {e.where && (
                  <code className="ni-where">
                    {e.where.file}:{e.where.line}
                    {e.where.column !== undefined ? `:${e.where.column}` : ''}
                  </code>
                )}
                <span className="ni-msg">{e.message}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="State">
        {node.state === null ? (
          <p className="ni-none">No state reported yet.</p>
        ) : (
          <JsonTree value={node.state} label="state" />
        )}
      </Section>
      <Section title="Storage" count={storageKeys.length}>
        {storageKeys.length === 0 ? (
          <p className="ni-none">Empty. Storage survives crashes.</p>
        ) : (
          <JsonTree value={node.storage} label="storage" />
        )}
      </Section>
      {metricNames.length > 0 && (
        <Section title="Metrics">
          <ul className="ni-metrics">
            {metricNames.map((name) => (
              <li key={name}>
                <code>{name}</code>
                <Sparkline points={node.metrics[name] ?? []} label={name} />
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Logs" count={node.logs.length}>
        {logs.length === 0 ? (
          <p className="ni-none">Nothing logged yet.</p>
        ) : (
          <ol className="ni-logs">
            {logs.map((l, i) => (
              <li key={node.logs.length - logs.length + i} className={`is-${l.level}`}>
                <span className="ni-t">{formatMs(l.t)}</span>
                <span>{l.text}</span>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </section>
  );
}

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <section className="ni-section">
      <h4>
        {title}
        {count !== undefined && count > 0 && <span className="ni-count">{count}</span>}
      </h4>
      {children}
    </section>
  );
}
