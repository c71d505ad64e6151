/**
 * A JSON value as a readable, collapsible tree. Objects and arrays fold; big ones start folded below the
 * first levels so a large state does not flood the panel. Keys keep the learner's order.
 */
import { memo, useState } from 'react';
import type { Json } from '../../../workers/kernel/protocol';
import './inspector.css';

interface Props {
  value: Json | undefined;
  /** Levels opened at first. */
  openDepth?: number;
  label?: string;
}

export const JsonTree = memo(function JsonTree({ value, openDepth = 2, label }: Props) {
  return (
    <div className="jt" role="tree" aria-label={label}>
      <JsonNode name={null} value={value} depth={0} openDepth={openDepth} />
    </div>
  );
});

const BIG = 12;

function JsonNode({
  name,
  value,
  depth,
  openDepth,
}: {
  name: string | null;
  value: Json | undefined;
  depth: number;
  openDepth: number;
}) {
  const isArr = Array.isArray(value);
  const isObj = value !== null && typeof value === 'object';
  const entries: [string, Json][] = isObj
    ? isArr
      ? value.map((v, i) => [String(i), v])
      : Object.entries(value)
    : [];
  const [open, setOpen] = useState(depth < openDepth && entries.length <= BIG * (depth + 1));
  const key = name === null ? null : <span className="jt-key">{name}</span>;
  if (!isObj) {
    return (
      <div className="jt-row" role="treeitem">
        {key}
        {key && <span className="jt-colon">: </span>}
        <Scalar value={value} />
      </div>
    );
  }
  const [o, c] = isArr ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="jt-row" role="treeitem">
        {key}
        {key && <span className="jt-colon">: </span>}
        <span className="jt-punct">{`${o}${c}`}</span>
      </div>
    );
  }
  return (
    <div className="jt-branch" role="treeitem" aria-expanded={open}>
      <button
        type="button"
        className="jt-toggle"
        onClick={() => setOpen(!open)}
        aria-label={`${open ? 'Collapse' : 'Expand'} ${name ?? 'value'}`}
      >
        <span className={`jt-caret${open ? ' is-open' : ''}`} aria-hidden="true">
          ▸
        </span>
        {key}
        {key && <span className="jt-colon">: </span>}
        <span className="jt-punct">{o}</span>
        {!open && (
          <span className="jt-summary">
            {isArr ? `${entries.length} items` : preview(entries)}
            <span className="jt-punct">{c}</span>
          </span>
        )}
      </button>
      {open && (
        <div className="jt-children" role="group">
          {entries.map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
          ))}
          <span className="jt-punct">{c}</span>
        </div>
      )}
    </div>
  );
}

function Scalar({ value }: { value: Json | undefined }) {
  if (value === undefined) return <span className="jt-null">undefined</span>;
  if (value === null) return <span className="jt-null">null</span>;
  if (typeof value === 'string') return <span className="jt-str">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="jt-num">{String(value)}</span>;
  return <span className="jt-bool">{String(value)}</span>;
}

function preview(entries: [string, Json][]): string {
  const keys = entries.slice(0, 3).map(([k]) => k);
  return ` ${keys.join(', ')}${entries.length > 3 ? `, … ${entries.length - 3} more` : ''} `;
}
