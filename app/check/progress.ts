/**
 * The check Worker's progress posts: before each node's batch it posts which node runs and where, so that
 * the page can name a node that never returns (an infinite loop) when it stops the Worker.
 */
export const CHECK_PROGRESS = '__checkProgress';

export type CheckProgressMessage = { [CHECK_PROGRESS]: string };

export function isCheckProgress(data: unknown): data is CheckProgressMessage {
  return typeof data === 'object' && data !== null && CHECK_PROGRESS in data;
}
