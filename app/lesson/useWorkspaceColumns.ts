import { usePaneSize } from './ResizeHandle';

const clampTo = (v: number, min: number, max: number) => Math.round(Math.min(max, Math.max(min, v)));

/**
 * The three columns of a workspace (a lesson's prose or a sandbox's scenario, the running system, the
 * code): the graph is the hero, so the side columns take what they need and the middle gets the rest.
 * The widths are remembered, shared by every lesson and sandbox.
 */
export function useWorkspaceColumns() {
  const [sideWidth, setSideWidth] = usePaneSize(
    'prose',
    () => clampTo(window.innerWidth * 0.23, 280, 400),
    240,
    560,
  );
  const [codeWidth, setCodeWidth] = usePaneSize(
    'code',
    () => clampTo(window.innerWidth * 0.33, 360, 640),
    300,
    900,
  );
  return {
    sideWidth,
    setSideWidth,
    codeWidth,
    setCodeWidth,
    gridTemplateColumns: `${sideWidth}px 0 minmax(420px, 1fr) 0 ${codeWidth}px`,
  };
}
