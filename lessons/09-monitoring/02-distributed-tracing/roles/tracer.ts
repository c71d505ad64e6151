import type { Node } from '@playground/node';

/** The trace store: the traces the gateway decides to keep (`keep { traceId }`). */
export default function tracer(node: Node) {
  let kept = 0;
  node.state.kept = 0;
  node.on('keep', () => {
    kept += 1;
    node.state.kept = kept;
    node.metric('kept', kept);
  });
}
