/**
 * Values worked out once per build and looked up many times (Intl objects, outlines, compiled
 * patterns). One per build, carried in the build state: nothing outlives the build that made it, so
 * two builds in one process (tests, `eleventy --serve`) never see each other's values.
 */
export class Memo {
  private readonly tables = new Map<string, Map<unknown, unknown>>();

  /** The value of `make()` for `key` in `table`, made on first use. */
  get<T>(table: string, key: unknown, make: () => T): T {
    const t = this.table(table);
    const found = t.get(key);
    if (found !== undefined || t.has(key)) return found as T;
    const value = make();
    t.set(key, value);
    return value;
  }

  /**
   * The table itself, for callers that look up a value per string: a `make` closure per call
   * would be allocated even when the value is there.
   */
  table(name: string): Map<unknown, unknown> {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new Map()));
    return t;
  }
}
