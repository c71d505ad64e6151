/**
 * The check Worker's progress posts: before each node's batch it posts which node runs and where, so that
 * the page can name a node that never returns (an infinite loop) when it stops the Worker.
 */
export const CHECK_PROGRESS = '__checkProgress';

/**
 * Which node is about to run (a string; '' once a seed's run is over, while the checkers judge it), or,
 * after each seed, how many seeds are done.
 */
export type CheckProgressMessage = {
  [CHECK_PROGRESS]: string | undefined;
  seeds?: { done: number; total: number };
};

export function isCheckProgress(data: unknown): data is CheckProgressMessage {
  return typeof data === 'object' && data !== null && CHECK_PROGRESS in data;
}
