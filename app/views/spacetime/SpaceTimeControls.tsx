/** The key (type colours in first-sent order, and the marks) and the zoom and follow controls. */
import { memo } from 'react';
import { typeColour, type StPalette } from './useStPalette';

interface Props {
  types: readonly string[];
  palette: StPalette;
  follow: boolean;
  onZoom(factor: number): void;
  onFit(): void;
  onFollow(): void;
}

const MAX_TYPES = 6;

export const SpaceTimeControls = memo(function SpaceTimeControls(props: Props) {
  const { types, palette, follow, onZoom, onFit, onFollow } = props;
  const shown = types.slice(0, MAX_TYPES);
  return (
    <div className="st-foot">
      <ul className="st-key" aria-label="Legend">
        {shown.map((t) => (
          <li key={t}>
            <span className="st-swatch" style={{ background: typeColour(palette, types, t) }} />
            <code>{t}</code>
          </li>
        ))}
        {types.length > MAX_TYPES && <li className="st-key-more">+{types.length - MAX_TYPES}</li>}
        <li>
          <span className="st-key-drop" aria-hidden="true">
            ×
          </span>
          dropped
        </li>
        <li>
          <span className="st-key-down" aria-hidden="true" />
          down
        </li>
        <li>
          <span className="st-key-pause" aria-hidden="true" />
          paused
        </li>
        <li>
          <span className="st-key-band" aria-hidden="true" />
          partition
        </li>
      </ul>
      <div className="st-tools" role="toolbar" aria-label="Time zoom">
        <button
          type="button"
          onClick={() => onZoom(1 / 1.6)}
          aria-label="Zoom out"
          title="Zoom out (Ctrl + wheel)"
        >
          −
        </button>
        <button type="button" onClick={() => onZoom(1.6)} aria-label="Zoom in" title="Zoom in (Ctrl + wheel)">
          +
        </button>
        <button type="button" onClick={onFit} title="Show the whole run">
          Fit
        </button>
        <button
          type="button"
          className={follow ? 'is-on' : ''}
          aria-pressed={follow}
          onClick={onFollow}
          title="Keep the playback cursor in view"
        >
          Follow
        </button>
      </div>
    </div>
  );
});
