/**
 * Frame-time check for the graph (`?bench=1`): 50 nodes, a dense synthetic trace, virtual time advancing
 * every animation frame; per-frame times land in window.__bench for the screenshot script to read.
 */
import { useEffect, useMemo, useState } from 'react';
import { RunViewIndex } from '../../trace';
import { node, syntheticTrace } from '../../trace/testTraces';
import { NetworkGraph } from '../graph/NetworkGraph';

const ids = Array.from({ length: 50 }, (_, i) => (i < 10 ? `client-${i}` : `server-${i}`));
const roles = ['client', 'server'];

export function Bench() {
  const index = useMemo(
    () =>
      new RunViewIndex(ids.map((id, i) => node(id, id.split('-')[0] ?? id, i))).append(
        syntheticTrace(ids, Number(new URLSearchParams(location.search).get('n') ?? 60_000)).filter(
          (e) => e.kind !== 'spawn',
        ),
      ),
    [],
  );
  const [t, setT] = useState(200);
  useEffect(() => {
    const times: number[] = [];
    let last = performance.now();
    let raf = 0;
    const tick = (now: number) => {
      times.push(now - last);
      last = now;
      if (times.length < 400) {
        setT((x) => x + 3);
        raf = requestAnimationFrame(tick);
      } else (window as unknown as { __bench: number[] }).__bench = times.slice(20);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, []);
  const view = index.at(t);
  return (
    <div style={{ height: '100vh' }}>
      <NetworkGraph view={view} roles={roles} />
      <div style={{ position: 'absolute', top: 4, right: 8 }}>{view.messages.length} messages</div>
    </div>
  );
}
