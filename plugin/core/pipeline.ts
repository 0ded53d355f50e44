/**
 * A build as a list of named steps over one state, in the spirit of markdown-it's core `Ruler`:
 * each step declares the fields of the state it reads and those it adds, and the runner calls them
 * in order. A step that reads a field no earlier step added, or does not add what it declared, is a
 * bug of ours.
 */
export interface Step<S, R extends keyof S, A extends keyof S> {
  name: string;
  reads: readonly R[];
  adds: readonly A[];
  /** When false for this state, the step is skipped (and what it adds stays unset). */
  enabled?: (state: Readonly<Pick<S, R>>) => boolean;
  run: (state: Readonly<{ [K in R]-?: NonNullable<S[K]> }>) => Pick<S, A>;
}

/** A step as the runner holds it: its reads checked when it runs. */
export interface RunnableStep<S> {
  name: string;
  reads: readonly (keyof S)[];
  adds: readonly (keyof S)[];
  enabled: (state: S) => boolean;
  run: (state: S) => Partial<S>;
}

/** Declare a step with its field names checked against the state's type. */
export function step<S>() {
  return <R extends keyof S, A extends keyof S>(s: Step<S, R, A>): RunnableStep<S> => ({
    name: s.name,
    reads: s.reads,
    adds: s.adds,
    enabled: (state) => s.enabled?.(state) ?? true,
    run: (state) => {
      const missing = s.reads.filter((k) => state[k] === undefined);
      if (missing.length)
        throw new Error(
          `Internal error: build step \`${s.name}\` reads ${missing.map((k) => '`' + String(k) + '`').join(', ')}, which no earlier step added.`,
        );
      // Checked just above: every field the step reads is set.
      const added: Partial<S> = {};
      return Object.assign(added, s.run(state as Readonly<{ [K in R]-?: NonNullable<S[K]> }>));
    },
  });
}

export class Ruler<S extends object> {
  private readonly steps: RunnableStep<S>[] = [];

  push(...steps: RunnableStep<S>[]): this {
    for (const s of steps) {
      if (this.steps.some((t) => t.name === s.name))
        throw new Error(`Internal error: two build steps named \`${s.name}\`.`);
      this.steps.push(s);
    }
    return this;
  }

  /** The step names in order, as the README lists them. */
  names(): string[] {
    return this.steps.map((s) => s.name);
  }

  /** Run the steps in order; `after` sees the state after each step that ran. */
  run(state: S, after?: (name: string, state: Readonly<S>) => void): S {
    for (const s of this.steps) {
      if (!s.enabled(state)) continue;
      const added = s.run(state);
      for (const k of s.adds) {
        if (!(k in added))
          throw new Error(`Internal error: build step \`${s.name}\` did not add \`${String(k)}\`.`);
        state[k] = added[k]!;
      }
      after?.(s.name, state);
    }
    return state;
  }
}
