/**
 * What a node Worker's owner (the page's browser engine, or a Check Worker) and the sandboxed node frame say
 * to each other (node-frame-document.ts runs the frame's side). The page relays it (node-frame.ts), so it can
 * notice a dead frame and rebuild it; the data plane (batches, outputs) never goes this way: each node's
 * MessagePort crosses once, in a `post`, and kernel and node then talk directly.
 */

/** Owner -> frame. `id`: the owner's name for one Worker (unique per frame). */
/** The node frame's `title`: how a test tells it from any other frame (e2e/pages/axe.ts scans no frames). */
export const NODE_FRAME_TITLE = 'node Workers';

export type ToFrame =
  /** A node Worker, or (`source`) a Worker of that bundled module's text, under the frame's policy too. */
  | { kind: 'spawn'; id: number; source?: string }
  /** Post `data` on the Worker itself (its ports ride in the message's transfer list). */
  | { kind: 'post'; id: number; data: unknown }
  | { kind: 'terminate'; id: number }
  | { kind: 'ping'; n: number }
  /**
   * The page, never an owner (the relay drops it): end every Worker and stop answering, as a frame whose
   * process died would. Only the test build's page sends it (node-frame.ts, stopFramesAnsweringForTests).
   */
  | { kind: 'hang' };

/** Frame -> owner. */
export type FromFrame =
  | { kind: 'ready' }
  | { kind: 'pong'; n: number }
  /** The Worker posted `data` on its global (e.g. a ResetAnswer). */
  | { kind: 'message'; id: number; data: unknown }
  | { kind: 'error'; id: number; message: string }
  /** The page, not the frame: the frame died (or stopped answering) and was rebuilt; these Workers are gone. */
  | { kind: 'lost'; ids: number[]; reason: string }
  /** The page, not the frame: it stopped answering pings (false), or answers again (true). */
  | { kind: 'answering'; answering: boolean };

/** Page -> frame, on the frame's window, once: the node Worker's bundled source and the control port. */
export interface FrameHello {
  kind: 'hello';
  source: string;
}
