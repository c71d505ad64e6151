import type { FaultSpec } from '../../workers/kernel/protocol';

const arrow = (direction: 'both' | 'one-way' | undefined) => (direction === 'one-way' ? '→' : '⇄');

/** A fault in a few words, for the timeline and the fault list: `crash server`, `partition a ⇄ b`. */
export function faultLabel(fault: FaultSpec): string {
  switch (fault.kind) {
    case 'crash':
    case 'restart':
    case 'pause':
    case 'resume':
      return `${fault.kind} ${fault.node}`;
    case 'skew':
      return `skew ${fault.node} by ${fault.offsetMs} ms`;
    case 'partition':
    case 'heal':
      return `${fault.kind} ${fault.from} ${arrow(fault.direction)} ${fault.to}`;
    case 'split':
      return `split ${fault.groups.map((g) => g.join('+')).join(' | ')}`;
    case 'heal-all':
      return 'heal all partitions';
    case 'link': {
      const parts: string[] = [];
      const { latency, loss } = fault.spec;
      if (latency?.kind === 'constant') parts.push(`${latency.ms} ms`);
      else if (latency) parts.push(`${latency.kind} latency`);
      if (loss !== undefined) parts.push(`${Math.round(loss * 100)}% loss`);
      return `${fault.from} ${arrow(fault.direction)} ${fault.to}: ${parts.join(', ') || 'link change'}`;
    }
  }
}
