/**
 * `node.storage`: the key-value store that survives a crash. The runtime holds a copy; every change is also
 * an effect, so the kernel keeps the authoritative copy and hands it back in the next boot.
 *
 * Values are copied in and out (JSON), so a learner mutating an object after `set` or after `get` cannot
 * change storage behind the kernel's back.
 */
import { mapGet, mapSet } from './intrinsics';
import type { Json } from '../kernel/protocol';
import type { Storage } from './node-api';

const copy = <T extends Json>(value: T): T =>
  value !== null && typeof value === 'object' ? (JSON.parse(JSON.stringify(value)) as T) : value;

export class NodeStorage implements Storage {
  private readonly data = new Map<string, Json>();

  constructor(
    initial: Record<string, Json>,
    private readonly changed: (key: string, value: Json | undefined) => void,
  ) {
    for (const key of Object.keys(initial)) {
      const value = initial[key];
      if (value !== undefined) mapSet(this.data, key, copy(value));
    }
  }

  get<T extends Json = Json>(key: string): T | undefined {
    const value = mapGet(this.data, String(key));
    return value === undefined ? undefined : (copy(value) as T);
  }

  set(key: string, value: Json): void {
    if (value === undefined)
      throw new TypeError(`storage.set('${key}'): value must be JSON (use delete to remove)`);
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`storage.set('${key}'): value must be JSON`);
    const stored = JSON.parse(json) as Json;
    mapSet(this.data, String(key), stored);
    // The stored copy is never handed out (get copies), so the effect may share it.
    this.changed(String(key), stored);
  }

  delete(key: string): void {
    if (this.data.delete(String(key))) this.changed(String(key), undefined);
  }

  keys(): string[] {
    return [...this.data.keys()];
  }
}
