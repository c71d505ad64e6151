/** The raw baseline's message, shaped like the simulation's so structured clone costs the same. */
export interface BaselineMessage {
  id: string;
  from: string;
  to: string;
  type: 'echo' | 'echo_ok';
  body: Record<string, never>;
  inReplyTo?: string;
  sentAt: number;
}

/** Node names like the simulation's (`peer-1`..`peer-n`). */
export function nodeName(index: number): string {
  return `peer-${index + 1}`;
}
