/**
 * Interned strings: each distinct string stored once and named by a small integer, so the trace's columns
 * can hold node names and message types as numbers (a typed array the garbage collector never scans).
 */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  /** JSON text of each string, made on first use (the trace hash needs it for every event). */
  private readonly quoted: (string | undefined)[] = [];
  private readonly quotedOpen: (string | undefined)[] = [];

  /** The number of `text`, adding it on first sight. */
  intern(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(text, id);
      this.strings.push(text);
      this.quoted.push(undefined);
      this.quotedOpen.push(undefined);
    }
    return id;
  }

  text(id: number): string {
    return this.strings[id]!;
  }

  /** `JSON.stringify(text(id))`, cached. */
  json(id: number): string {
    return (this.quoted[id] ??= JSON.stringify(this.strings[id]!));
  }

  /** `json(id)` without its closing quote: for JSON strings that continue with more text. */
  jsonOpen(id: number): string {
    return (this.quotedOpen[id] ??= this.json(id).slice(0, -1));
  }
}
