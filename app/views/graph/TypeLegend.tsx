/** The key to the graph: role colours, message type colours (in first-sent order), and the marks. */
import { memo, type Ref } from 'react';
import { typeColour, type Palette } from './usePalette';

interface Props {
  types: readonly string[];
  roles: readonly string[];
  palette: Palette;
  /** The graph measures the legend to keep nodes and their labels out from under it. */
  ref?: Ref<HTMLDivElement>;
}

const MAX_TYPES = 8;

export const TypeLegend = memo(function TypeLegend({ types, roles, palette, ref }: Props) {
  const shown = types.slice(0, MAX_TYPES);
  return (
    <div ref={ref} className="ng-legend" role="group" aria-label="Legend">
      {roles.length > 1 && (
        <ul className="ng-legend-row">
          {roles.map((r, i) => (
            <li key={r}>
              <span className="ng-swatch is-role" style={{ background: `var(--role-${i % 8})` }} />
              {r}
            </li>
          ))}
        </ul>
      )}
      {shown.length > 0 && (
        <ul className="ng-legend-row">
          {shown.map((t) => (
            <li key={t}>
              <span className="ng-swatch" style={{ background: typeColour(palette, types, t) }} />
              <code>{t}</code>
            </li>
          ))}
          {types.length > MAX_TYPES && <li className="ng-legend-more">+{types.length - MAX_TYPES} more</li>}
          <li className="ng-legend-key">
            <span className="ng-swatch is-dup" /> duplicate
          </li>
          <li className="ng-legend-key">
            <span className="ng-swatch is-drop">×</span> dropped
          </li>
        </ul>
      )}
    </div>
  );
});
