/**
 * A node's `storage` on disk in real mode: one JSON file per node, replaced atomically (write a temporary
 * file beside it, then rename over it), so a crash at any moment leaves either the old or the new contents,
 * never half of each. Restarts read it back; memory is whatever the new process builds.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Json, TraceEvent } from '../kernel/protocol';

export function readStorage(file: string): Record<string, Json> {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Json>;
}

export function writeStorage(file: string, storage: Record<string, Json>): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(storage));
  renameSync(tmp, file);
}

/** Apply a batch's `storage` events to `storage`; returns whether anything changed. */
export function applyStorageEvents(storage: Record<string, Json>, events: readonly TraceEvent[]): boolean {
  let changed = false;
  for (const event of events) {
    if (event.kind !== 'storage') continue;
    if (event.value === undefined) delete storage[event.key];
    else storage[event.key] = event.value;
    changed = true;
  }
  return changed;
}
