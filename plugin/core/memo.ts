/**
 * Values worked out once per build and looked up many times (Intl objects, outlines, compiled
 * patterns). One per build, carried in the build state: nothing outlives the build that made it, so
 * two builds in one process (tests, `eleventy --serve`) never see each other's values.
 */
export class Memo {
  private readonly tables = new Map<string, Map<unknown, unknown>>();

  /** The value of `make()` for `key` in `table`, made on first use. */
  get<T>(table: string, key: unknown, make: () => T): T {
    return this.of(table, key, make, undefined);
  }

  /**
   * The value of `compute(key, arg)` for `key` in `table`, made on first use: for callers that look
   * up a value per string, with no `make` closure allocated per call.
   */
  of<K, A, T>(table: string, key: K, compute: (key: K, arg: A) => T, arg: A): T {
    const t = this.table(table);
    const found = t.get(key);
    if (found !== undefined || t.has(key)) return found as T;
    const value = compute(key, arg);
    t.set(key, value);
    return value;
  }

  private table(name: string): Map<unknown, unknown> {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new Map()));
    return t;
  }
}
