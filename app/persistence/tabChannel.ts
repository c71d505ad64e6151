/**
 * The app's own tabs tell each other about a lesson (BroadcastChannel, same origin only): "I opened it",
 * "I have it open too", "I saved this file". A tab that hears of another never overwrites it silently (see
 * `withSave`'s `knownRev`); this channel is what lets it say so at once.
 */
export type TabMessage =
  | { kind: 'hello' | 'here'; exerciseId: string; tab: string }
  | { kind: 'saved'; exerciseId: string; role: string; rev: number; tab: string };

/** This tab, for telling its own echoes apart. */
export const TAB_ID = Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('-');

const NAME = 'distributed-patterns-playground:code';

/** Listen for the other tabs' news about `exerciseId`; returns the sender and the stop function. */
export function openTabChannel(
  exerciseId: string,
  onMessage: (message: TabMessage) => void,
): { post(message: TabMessage): void; close(): void } {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(NAME);
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data;
    if (message.exerciseId !== exerciseId || message.tab === TAB_ID) return;
    if (message.kind === 'hello') channel.postMessage({ kind: 'here', exerciseId, tab: TAB_ID });
    onMessage(message);
  };
  channel.postMessage({ kind: 'hello', exerciseId, tab: TAB_ID } satisfies TabMessage);
  return {
    post: (message) => channel.postMessage(message),
    close: () => channel.close(),
  };
}
