import { join } from 'node:path';
import { QUARANTINE, runChecks, type CheckContext } from './checks.js';
import { contextKey, pairMemo } from './pair-memo.js';
import { datasetFacts } from '../load/dataset-facts.js';
import { sourceControlFindings } from './checks-safety.js';
import { digest, inputsKey, type BuildCache } from '../cache.js';
import { Memo } from '../memo.js';
import { later, type LoadMemo } from '../load/load-memo.js';
import { compact, expand, isStoredQuality, type LocaleQuality } from './quality-store.js';
import {
  freshness,
  hash,
  isCurrentFormat,
  LOCK_FILE,
  parseLock,
  readLockText,
  sameEntries,
  sameLock,
  type Lock,
  type LockEntry,
} from '../load/lock.js';
import { blank, type Locale, type Namespace } from '../load/locales.js';
import { localeNestingFaults, sourceNestingFindings } from './nesting.js';
import { q } from '../problems.js';
import type { Site } from '../load/site.js';

import type { Finding, LocaleStatus } from './types.js';
export type { Finding, LocaleStatus };

export interface Quality {
  findings: Finding[];
  status: LocaleStatus[];
  /** The outdated keys of each locale and namespace, for rendering. */
  stale: StaleIndex;
  /**
   * The lock each locale should now have, with the file it lives in; `changed` is false when the
   * file already says the same.
   */
  locks: { locale: string; file: string; lock: Lock; changed: boolean }[];
  /**
   * In a shard (see `AssessScope`): the failures that hold back a string the shared pages show, in
   * the locales this build does not assess. Only `heldKeys` reads them; they are no findings.
   */
  outside?: Finding[];
}

/**
 * What a shard assesses: its own locales in full, and of every other locale only the strings that
 * the pages every shard writes show (`shared`: titles in the picker, theme strings), so those pages
 * hold back the same strings as in a single build.
 */
export interface AssessScope {
  locales: ReadonlySet<string>;
  shared: readonly [ns: string, key: string][];
}

/** locale → namespace → outdated keys. */
export type StaleIndex = Map<string, Map<string, Set<string>>>;

/** What the page views ask: the outdated keys of one locale's namespace. */
export const staleKeys = (quality: Pick<Quality, 'stale'>) => (locale: string, ns: string) =>
  quality.stale.get(locale)?.get(ns);

/**
 * Faults of the source's own strings (`$t()` loops and limits, invisible controls): errors, since
 * every language falls back to them.
 */
export const sourceFindings = (source: Locale): Finding[] => [
  ...sourceNestingFindings(source),
  ...sourceControlFindings(source),
];

/**
 * What pages and the translator ask: the keys of one locale's namespace that are not published (see
 * `QUARANTINE`).
 */
export type HeldKeys = (locale: string, ns: string) => ReadonlySet<string> | undefined;

/**
 * The quarantined keys: each translated string that failed a check in `QUARANTINE`, indexed once
 * from the findings.
 */
export const heldKeys = (quality: Pick<Quality, 'findings' | 'outside'>): HeldKeys => {
  const index = new Map<string, Map<string, Set<string>>>();
  for (const f of [...quality.findings, ...(quality.outside ?? [])]) {
    if (!QUARANTINE.has(f.code)) continue;
    let byNs = index.get(f.locale);
    if (!byNs) index.set(f.locale, (byNs = new Map()));
    let keys = byNs.get(f.ns);
    if (!keys) byNs.set(f.ns, (keys = new Set()));
    keys.add(f.key);
  }
  return (locale, ns) => index.get(locale)?.get(ns);
};

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** One source key as `assess` walks it: plural groups once, under their `_other` key. */
interface SourceKey {
  key: string;
  source: string;
  base: string;
  plural: boolean;
  /** `hash(source)`, once the first locale asks it: every locale compares its lock with it. */
  hash?: string;
}

/**
 * Per namespace, shared by every locale: the check context (the checks remember what they worked
 * out from each source text) and its keys.
 */
interface NamespacePlan {
  ctx: CheckContext;
  /**
   * Set when other namespaces' contexts say the same: they share their checks' results (see
   * `pairMemo`). A context of its own would only pay for a memo that strings seldom hit.
   */
  contextKey?: string;
  plurals: Set<string>;
  keys: SourceKey[];
  date?: string;
}

function plan(site: Site): Map<string, NamespacePlan> {
  const articles = new Map(site.articles.map((a) => [a.article, a]));
  // The names of every collection's items are proper nouns, never translated.
  const facts = new Map(site.articles.map((a) => [a, datasetFacts(a)]));
  const allTerms = [...new Set([...facts.values()].flatMap((f) => f.terms))];
  // What depends on a language only (dates' month names, separators) is worked out once per build.
  const shared = new Memo();
  const plans = new Map<string, NamespacePlan>();
  for (const [nsName, sourceNs] of site.source.namespaces) {
    const article = articles.get(nsName);
    // Read only when a locale is assessed: a warm build takes every locale from the cache, and
    // does not parse the source's files for it.
    let plurals: Set<string> | undefined;
    let keys: SourceKey[] | undefined;
    const sourceKeys = () => {
      plurals = pluralBases(sourceNs);
      keys = [];
      for (const [key, source] of sourceNs.strings) {
        const base = key.replace(PLURAL, '');
        const plural = plurals.has(base);
        if (plural && key !== `${base}_other`) continue;
        keys.push({ key, source, base, plural });
      }
      return { plurals, keys };
    };
    // The date an imported copy is compared with to tell whether it is outdated.
    const known = article && facts.get(article);
    const date = known && (known.sourceDate ?? known.updated);
    const ctx: CheckContext = {
      terms: known ? known.terms : allTerms,
      links: known?.links ?? {},
      sourceLocale: site.source.tag,
      memo: new Memo(),
      shared,
    };
    plans.set(nsName, {
      ctx,
      contextKey: contextKey(ctx),
      get plurals() {
        return plurals ?? sourceKeys().plurals;
      },
      get keys() {
        return keys ?? sourceKeys().keys;
      },
      date,
    });
  }
  const uses = new Map<string, number>();
  for (const p of plans.values()) uses.set(p.contextKey!, (uses.get(p.contextKey!) ?? 0) + 1);
  for (const p of plans.values()) if (uses.get(p.contextKey!) === 1) delete p.contextKey;
  return plans;
}

/**
 * Compare every locale with the source: missing, orphan, failed checks, plural forms and staleness.
 * With a cache, a locale whose files, lock and source are as they were when it was last assessed
 * (and whose lock needed no update) is not assessed again: its findings come from the cache.
 */
export function assess(
  site: Site,
  localesRoot: string,
  accept?: (locale: string, ns: string, key: string) => boolean,
  cache?: BuildCache,
  scope?: AssessScope,
  memo?: LoadMemo,
): Quality {
  const findings: Finding[] = [];
  const outside: Finding[] = [];
  const status: LocaleStatus[] = [];
  const stale: StaleIndex = new Map();
  const locks: Quality['locks'] = [];
  const plans = plan(site);
  const hashes = new Map<string, string>();
  const sourceHash = (text: string) => {
    let h = hashes.get(text);
    if (h === undefined) hashes.set(text, (h = hash(text)));
    return h;
  };
  // Accepting rewrites the lock on purpose: never from the cache.
  const cached = accept ? undefined : cache;
  // Shared by every locale: declared once, and in each locale's inputs by its own digest.
  const checks = cached && inputsKey(checkInputs(site, plans));

  for (const locale of site.locales) {
    if (locale === site.source) continue;
    if (scope && !scope.locales.has(locale.tag) && sharedOnly(site, locale, plans, scope, outside))
      continue;
    const lockFile = join(localesRoot, locale.folder, LOCK_FILE);
    // `loadSite` has read and checked the lock; a damaged one read here throws, it is never taken
    // as empty.
    // A lock loaded by its stamps is not read unless its entries are (`LoadedLock`).
    const loadedLock = locale.lock;
    const lockText = loadedLock ? undefined : readLockText(lockFile);
    const lockCurrent = loadedLock
      ? loadedLock.current
      : lockText !== undefined && isCurrentFormat(lockText);
    const lockExists = loadedLock ? loadedLock.exists : lockText !== undefined;
    const readIt = () => loadedLock?.entries ?? parseLock(lockText, join(locale.path, LOCK_FILE));
    let lock: Lock | undefined;
    let changed = false;
    const assessNow = () => {
      const loaded = readIt();
      const assessed = assessLocale(site, locale, plans, loaded, sourceHash, accept, memo);
      changed = !lockCurrent || !sameLock(loaded, assessed.lock);
      // Unchanged: the entries as loaded, which the site holds anyway, rather than an equal copy
      // held to the end of the build (66 MB at 10,000 pages in 20 languages).
      lock = changed ? assessed.lock : loaded;
      return assessed.result;
    };
    // Compacted only for the cache; a result worked out here is used as it is.
    let result: LocaleQuality | undefined;
    if (cached && checks) {
      // Paths relative to the project, so a checkout elsewhere (another CI runner) still finds its
      // entries.
      const inputs = {
        checks,
        locale: {
          tag: locale.tag,
          path: locale.path,
          broken: locale.broken,
          namespaces: locale.namespaces,
        },
        lock: {
          file: join(locale.path, LOCK_FILE),
          digest: loadedLock?.digest ?? (lockText === undefined ? '\0' : digest(lockText)),
        },
      };
      // A lock about to be rewritten changes the key: caching this result would only waste space.
      const run = () => compact((result = assessNow()), site, locale);
      const stored = cached.through(locale.tag, inputs, isStoredQuality, run, () => !changed);
      if (stored.hit) {
        result = expand(stored.value, site, locale);
        // Its namespaces' outcomes stay for the next build that assesses it (watch mode), and where
        // it has none yet (the first build), this result gives them: see `seeded`.
        if (memo) {
          memo.touch(`${later('assess')}${locale.tag}\0`);
          // The lock as loaded: the build lets go of `locale.lock` once the locks are written.
          const loaded = locale.lock;
          memo.hold(
            seedId(locale.tag),
            seedOf(site, locale, result, () => loaded?.entries ?? readIt()),
          );
        }
      }
    }
    // Without a cache `result` is unset: work it out now.
    const mine = result ?? assessNow();
    if (lock) locks.push({ locale: locale.tag, file: lockFile, lock, changed });
    // A lock of an earlier format is rewritten in the current one, even when no entry changed.
    else
      locks.push({
        locale: locale.tag,
        file: lockFile,
        changed: lockExists && !lockCurrent,
        get lock() {
          return readIt();
        },
      });
    findings.push(...mine.findings);
    status.push(mine.status);
    if (mine.stale.length)
      stale.set(locale.tag, new Map(mine.stale.map(([ns, keys]) => [ns, new Set(keys)])));
  }
  findings.push(...sourceFindings(site.source));
  memo?.sweep('assess');
  return scope ? { findings, status, stale, locks, outside } : { findings, status, stale, locks };
}

/**
 * A locale outside the shard: run the checks of the shared strings only, keeping the failures that
 * hold one back. False when one nests another (`$t(`): whether it is held then depends on the
 * strings it nests, so the locale is assessed in full.
 */
function sharedOnly(
  site: Site,
  locale: Locale,
  plans: Plans,
  scope: AssessScope,
  out: Finding[],
): boolean {
  const found: Finding[] = [];
  for (const [nsName, key] of scope.shared) {
    const plan = plans.get(nsName);
    const ns = locale.namespaces.get(nsName);
    const source = site.source.namespaces.get(nsName)?.strings.get(key);
    const translation = ns?.strings.get(key);
    if (!plan || !ns || source === undefined || blank(translation)) continue;
    if (translation!.includes('$t(')) return false;
    for (const failure of runChecks(source, translation!, { ...plan.ctx, locale: locale.tag }))
      if (QUARANTINE.has(failure.code))
        found.push({
          ...failure,
          severity: 'warning',
          locale: locale.tag,
          file: ns.file,
          ...ns.src.pos(key.split('.')),
          ns: nsName,
          key,
        });
  }
  out.push(...found);
  return true;
}

type Plans = ReturnType<typeof plan>;

/**
 * What every locale's result depends on besides its own files: the source's files and what the
 * checks take from the datasets.
 */
function checkInputs(site: Site, plans: Plans) {
  return {
    source: { tag: site.source.tag, namespaces: site.source.namespaces },
    plans: [...plans].map(([ns, p]) => ({ ns, ctx: p.ctx, date: p.date ?? '' })),
  };
}

/**
 * A locale's (or a namespace's) counts; `failed` and `outdated` hold source keys by namespace (a
 * plural group by its `_other` key): the key strings themselves, not one joined string per finding.
 */
const newCounts = () => ({
  total: 0,
  translated: 0,
  missing: 0,
  stale: 0,
  failed: new Map<string, Set<string>>(),
  outdated: new Map<string, Set<string>>(),
});

/**
 * Adds a finding of `locale` to `into`. Each caller passes a new object: completed in place rather
 * than copied (110,000 findings at 300 articles in 6 languages), in the same key order.
 */
const adder = (locale: string, into: Finding[]) => (f: Omit<Finding, 'severity' | 'locale'>) => {
  const finding = f as Finding;
  finding.locale = locale;
  finding.severity = 'warning';
  into.push(finding);
};

/** Where a finding of a namespace without a file is, and every other's until it is placed. */
const UNPLACED = { line: 0, col: 0 };
/** More positions than this of one file: its tree is read at once rather than scanned for each. */
const FEW = 16;

/** One namespace's share of a locale's assessment. */
interface NamespaceOutcome {
  findings: Finding[];
  counts: ReturnType<typeof newCounts>;
  lock: Record<string, LockEntry>;
  staleKeys?: string[];
}

/** A namespace outcome's inputs: the lock's entries by content (a lock written is read again). */
const sameInput = (a: unknown, b: unknown, i: number) =>
  a === b || (i === 3 && !!a && !!b && sameEntries(a as Lock[string], b as Lock[string]));

function assessLocale(
  site: Site,
  locale: Locale,
  plans: Plans,
  before: Lock,
  sourceHash: (text: string) => string,
  accept: ((locale: string, ns: string, key: string) => boolean) | undefined,
  memo?: LoadMemo,
): { result: LocaleQuality; lock: Lock } {
  const articleOf = new Map(site.articles.map((a) => [a.article, a]));
  const seed = memo?.held(seedId(locale.tag)) as Seed | undefined;
  const findings: Finding[] = [];
  const after: Lock = {};
  const counts = newCounts();
  const add = adder(locale.tag, findings);
  const categories = new Intl.PluralRules(locale.tag).resolvedOptions()
    .pluralCategories as string[];
  const staleHere: [string, string[]][] = [];
  const pairChecks = pairMemo(locale.tag);
  // A few reasons make every STALE message: one string each, not one per finding (they are kept to
  // the end of the build).
  const staleMessages = new Map<string, string>();
  const staleMessage = (reason: string) => {
    let m = staleMessages.get(reason);
    if (m === undefined)
      staleMessages.set(
        reason,
        (m = `Outdated translation: ${reason}. Update it (or confirm it) against the current source.`),
      );
    return m;
  };

  for (const [nsName, sourceNs] of site.source.namespaces) {
    const ns = locale.namespaces.get(nsName);
    const lockBefore = before[nsName];
    /** This namespace's share of the locale's result, on its own so that a rebuild can keep it. */
    const one = (): NamespaceOutcome => {
      const findings: Finding[] = [];
      const counts = newCounts();
      const add = adder(locale.tag, findings);
      const { ctx: shared, contextKey, plurals, keys, date } = plans.get(nsName)!;
      const ctx: CheckContext = { ...shared, locale: locale.tag };
      const checks = contextKey
        ? pairChecks(contextKey, shared)
        : (from: string, translation: string) => runChecks(from, translation, ctx);
      const file = ns?.file ?? join(locale.path, `${nsName}.yaml`);
      // Every finding here is at a key of the file: its position is worked out once the file's
      // findings are known (below), so that a file with many reads its tree at once and one with
      // a few has them found by scanning (see `YamlSource.pos`). `places[i]` is the key of
      // `findings[i]`.
      const places: string[] = [];
      const where = (key: string) => (places.push(key), UNPLACED);
      const lockAfter: Record<string, LockEntry> = {};
      let staleKeys: string[] | undefined;

      /** Check one translated string `k` (of source key `key`); decide whether it is outdated. */
      const translated = (
        key: string,
        k: string,
        from: string,
        translation: string,
        fromHash = sourceHash(from),
      ) => {
        for (const failure of checks(from, translation)) {
          keysOf(counts.failed, nsName).add(key);
          add({ ...failure, file, ...where(k), ns: nsName, key: k, source: from, translation });
        }
        const f = accept?.(locale.tag, nsName, k)
          ? {
              state: 'current' as const,
              entry: { source: fromHash, translation: hash(translation) },
            }
          : freshness(lockBefore?.[k], from, translation, date, fromHash);
        lockAfter[k] = f.entry;
        if (f.state !== 'stale') return;
        counts.stale++;
        keysOf(counts.outdated, nsName).add(key);
        (staleKeys ??= []).push(k);
        add({
          code: 'STALE',
          message: staleMessage(f.reason!),
          file,
          ...where(k),
          ns: nsName,
          key: k,
          source: from,
          translation,
        });
      };
      const missing = (key: string, shown: string, source: string) => {
        counts.missing++;
        add({
          code: 'MISSING',
          message: `No ${q(locale.tag)} translation for ${q(shown)}; readers see the ${q(site.source.tag)} text.`,
          file,
          ...where(key),
          ns: nsName,
          key: shown,
          source,
        });
      };

      for (const sk of keys) {
        const { key, source, base, plural } = sk;
        counts.total++;
        if (!plural) {
          // Most keys: one string, no plural forms.
          const translation = ns?.strings.get(key);
          if (blank(translation)) missing(key, key, source);
          else {
            counts.translated++;
            translated(key, key, source, translation!, (sk.hash ??= sourceHash(source)));
          }
          continue;
        }
        const forms = categories.map((c) => `${base}_${c}`);
        const present = ns ? forms.filter((k) => !blank(ns.strings.get(k))) : [];
        if (!present.length) {
          missing(key, base, source);
          continue;
        }
        counts.translated++;
        if (present.length < forms.length) {
          const lacking = forms
            .filter((k) => !present.includes(k))
            .map((k) => k.slice(base.length + 1));
          keysOf(counts.failed, nsName).add(key);
          add({
            code: 'PLURAL_FORMS',
            message: `${q(locale.tag)} needs the plural forms ${categories.map(q).join(', ')} of ${q(base)}; add ${lacking.map((c) => q(`${base.split('.').pop()}_${c}`)).join(', ')}.`,
            file,
            ...where(present[0]!),
            ns: nsName,
            key: base,
            source,
          });
        }
        for (const k of present)
          translated(key, k, sourceNs.strings.get(k) ?? source, ns!.strings.get(k)!);
      }
      if (lockBefore) keepUntranslated(lockBefore, lockAfter, sourceNs, plurals);
      if (ns)
        orphans(ns, sourceNs, plurals, (key) =>
          add({
            code: 'ORPHAN',
            message: `${q(key)} is not in the source locale; remove it, or add it to the source if it is new.`,
            file,
            ...where(key),
            ns: nsName,
            key,
          }),
        );
      if (ns) {
        const many = places.length > FEW;
        places.forEach((key, i) => {
          const at = ns.src.pos(key.split('.'), { many });
          findings[i]!.line = at.line;
          findings[i]!.col = at.col;
        });
      }
      return { findings, counts, lock: lockAfter, staleKeys };
    };
    // Watch mode: a namespace whose source, translation, dataset and lock entries are the previous
    // build's gives the previous build's share (an edit re-checks its file, not the locale).
    const article = articleOf.get(nsName);
    const o =
      memo && !accept && article
        ? memo.same(
            `${later('assess')}${locale.tag}\0${nsName}`,
            [sourceNs, ns, article, lockBefore],
            () =>
              (seed &&
                seeded(seed, nsName, plans.get(nsName)!, [sourceNs, ns, article, lockBefore])) ??
              (memo.counts.assessed++, one()),
            sameInput,
          )
        : one();
    findings.push(...o.findings);
    counts.total += o.counts.total;
    counts.translated += o.counts.translated;
    counts.missing += o.counts.missing;
    counts.stale += o.counts.stale;
    // Copies: the nesting checks below add to them, and the outcome is shared with later builds.
    for (const [k, v] of o.counts.failed) counts.failed.set(k, new Set(v));
    for (const [k, v] of o.counts.outdated) counts.outdated.set(k, new Set(v));
    after[nsName] = o.lock;
    if (o.staleKeys) staleHere.push([nsName, o.staleKeys]);
  }
  // `$t()` loops and explosions: among the strings as written (so a loop is named even when another
  // check already holds its strings back), then as pages would resolve them, the held strings
  // replaced by the source's.
  const held = heldKeys({ findings });
  const faults = new Map<string, ReturnType<typeof localeNestingFaults>[number]>();
  for (const f of [
    ...localeNestingFaults(site.source, locale, () => undefined),
    ...localeNestingFaults(site.source, locale, (ns) => held(locale.tag, ns)),
  ])
    if (!faults.has(f.ns + ':' + f.key)) faults.set(f.ns + ':' + f.key, f);
  for (const f of faults.values()) {
    const ns = locale.namespaces.get(f.ns)!;
    keysOf(counts.failed, f.ns).add(f.key);
    add({
      code: f.code,
      message: f.message,
      file: ns.file,
      ...ns.src.pos(f.key.split('.')),
      ns: f.ns,
      key: f.key,
      source: site.source.namespaces.get(f.ns)?.strings.get(f.key),
      translation: ns.strings.get(f.key),
    });
  }
  for (const [nsName, ns] of locale.namespaces)
    if (!site.source.namespaces.has(nsName))
      for (const key of ns.strings.keys())
        add({
          code: 'ORPHAN',
          message: `${q(key)} is in ${q(nsName)}, a file the source locale does not have.`,
          file: ns.file,
          ...ns.src.pos(key.split('.')),
          ns: nsName,
          key,
        });

  // A key that is both outdated and failing a check counts once against completeness.
  let failed = 0;
  let bad = 0;
  for (const [ns, keys] of counts.failed) {
    failed += keys.size;
    bad += keys.size;
    for (const k of counts.outdated.get(ns) ?? []) if (!keys.has(k)) bad++;
  }
  for (const [ns, keys] of counts.outdated) if (!counts.failed.has(ns)) bad += keys.size;
  const good = counts.translated - bad;
  const status: LocaleStatus = {
    locale: locale.tag,
    total: counts.total,
    translated: counts.translated,
    missing: counts.missing,
    stale: counts.stale,
    failed,
    complete: counts.total ? Math.max(0, Math.round((100 * good) / counts.total)) : 100,
  };
  return { result: { findings, status, stale: staleHere }, lock: after };
}

const seedId = (locale: string) => `${later('assess')}${locale}\0\0seed`;

/**
 * A locale's result taken whole from the build cache, and what it was worked out from: in watch
 * mode, the namespaces' outcomes of its next assessment where their inputs are still these (the
 * first edit of a language then checks the edited file only, as later edits do).
 */
interface Seed {
  result: LocaleQuality;
  inputs: (ns: string) => unknown[];
  byNs?: Map<string, Finding[]>;
}

function seedOf(site: Site, locale: Locale, result: LocaleQuality, lock: () => Lock): Seed {
  const sources = site.source.namespaces;
  const namespaces = locale.namespaces;
  const articles = site.articles;
  let articleOf: Map<string, unknown> | undefined;
  let entries: Lock | undefined;
  return {
    result,
    // The lock's entries are read only when a namespace is assessed again.
    inputs: (ns) => {
      articleOf ??= new Map(articles.map((a) => [a.article, a]));
      entries ??= lock();
      return [sources.get(ns), namespaces.get(ns), articleOf.get(ns), entries[ns]];
    },
  };
}

/** Found after the namespaces' own findings: of the whole locale, worked out anew every time. */
const LOCALE_WIDE = new Set(['NESTING_LOOP', 'NESTING_LIMIT']);

/**
 * A namespace's outcome as `one` in `assessLocale` would give it, from a cached result of the
 * locale with the same inputs: its findings (in order), counts from them, and its lock entries,
 * which a cached result (its lock unchanged) leaves as they were.
 */
function seeded(
  seed: Seed,
  nsName: string,
  plan: NamespacePlan,
  inputs: unknown[],
): NamespaceOutcome | undefined {
  const then = seed.inputs(nsName);
  if (!then.every((x, i) => sameInput(x, inputs[i], i))) return undefined;
  seed.byNs ??= findingsBy(
    seed.result.findings.filter((f) => !LOCALE_WIDE.has(f.code)),
    'ns',
  );
  const findings = seed.byNs.get(nsName) ?? [];
  const counts = newCounts();
  const { plurals, keys } = plan;
  // The source key a finding counts against: a plural group's by its `_other` key.
  const sourceKey = (k: string) => {
    const base = k.replace(PLURAL, '');
    return plurals.has(base) ? `${base}_other` : k;
  };
  let staleKeys: string[] | undefined;
  for (const f of findings)
    if (f.code === 'MISSING') counts.missing++;
    else if (f.code === 'STALE') {
      counts.stale++;
      keysOf(counts.outdated, nsName).add(sourceKey(f.key));
      (staleKeys ??= []).push(f.key);
    } else if (f.code === 'PLURAL_FORMS') keysOf(counts.failed, nsName).add(`${f.key}_other`);
    else if (f.code !== 'ORPHAN') keysOf(counts.failed, nsName).add(sourceKey(f.key));
  counts.total = keys.length;
  counts.translated = counts.total - counts.missing;
  return { findings, counts, lock: (inputs[3] as Lock[string] | undefined) ?? {}, staleKeys };
}

/** The set of `ns` in `index`, made on first use. */
function keysOf(index: Map<string, Set<string>>, ns: string): Set<string> {
  let keys = index.get(ns);
  if (!keys) index.set(ns, (keys = new Set()));
  return keys;
}

/**
 * Keep the entries of keys the source still has but this locale does not translate now (a file that
 * did not load, a string emptied or deleted): if the text comes back, its history is still there.
 * Only entries of keys the source no longer has are dropped.
 */
function keepUntranslated(
  before: Record<string, LockEntry>,
  after: Record<string, LockEntry>,
  source: Namespace,
  plurals: Set<string>,
) {
  for (const k in before)
    if (
      !(k in after) &&
      (source.strings.has(k) || (PLURAL.test(k) && plurals.has(k.replace(PLURAL, ''))))
    )
      after[k] = before[k]!;
}

/** Keys with an `_other` form in the source are plural groups. */
function pluralBases(ns: Namespace): Set<string> {
  return new Set(
    [...ns.strings.keys()]
      .filter((k) => k.endsWith('_other'))
      .map((k) => k.slice(0, -'_other'.length)),
  );
}

function orphans(
  ns: Namespace,
  source: Namespace,
  plurals: Set<string>,
  report: (key: string) => void,
) {
  for (const key of ns.strings.keys()) {
    if (source.strings.has(key)) continue;
    if (PLURAL.test(key) && plurals.has(key.replace(PLURAL, ''))) continue;
    report(key);
  }
}

/**
 * The findings of each locale, in order (grouped once by each caller: filtering tens of thousands
 * of findings per locale adds up).
 */
export function findingsByLocale(quality: Pick<Quality, 'findings'>): Map<string, Finding[]> {
  return findingsBy(quality.findings, 'locale');
}

/** `findings` grouped by one of their fields, each group in order. */
function findingsBy(findings: Finding[], field: 'locale' | 'ns'): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f[field]);
    if (list) list.push(f);
    else groups.set(f[field], [f]);
  }
  return groups;
}

/**
 * A few lines per build, not one per string: missing keys by name, the rest counted by code,
 * pointing at the status page at `statusUrl` (its address with the site's path prefix) if the
 * site has one.
 */
export function qualitySummary(quality: Quality, sourceTag: string, statusUrl?: string): string[] {
  const lines: string[] = [];
  const byLocale = findingsByLocale(quality);
  for (const s of quality.status) {
    const mine = byLocale.get(s.locale) ?? [];
    // `namespace:key`, as i18next names a string: the same key is in every article's namespace.
    const name = (f: Finding) => '`' + f.ns + ':' + f.key + '`';
    const missing = mine.filter((f) => f.code === 'MISSING').map(name);
    if (missing.length)
      lines.push(
        `${s.locale}: ${missing.length} string${missing.length === 1 ? '' : 's'} not translated, shown in ${sourceTag}: ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ` and ${missing.length - 4} more` : ''}`,
      );
    const held = [...new Set(mine.filter((f) => QUARANTINE.has(f.code)).map(name))];
    if (held.length)
      lines.push(
        `${s.locale}: ${held.length} string${held.length === 1 ? '' : 's'} not published (a check that protects the page failed), shown in ${sourceTag}: ${held.slice(0, 4).join(', ')}${held.length > 4 ? ` and ${held.length - 4} more` : ''}`,
      );
    const counts = new Map<string, number>();
    for (const f of mine)
      if (f.code !== 'MISSING') counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
    if (counts.size)
      lines.push(
        `${s.locale}: ${[...counts].map(([c, n]) => `${n} ${c}`).join(', ')}; ${statusUrl ? `see ${statusUrl} or run` : 'run'} \`npx lockstep status\``,
      );
  }
  return lines;
}

export type { Locale };
