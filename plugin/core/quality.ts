import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runChecks, type CheckContext, type CheckFailure } from './checks.js';
import type { LoadedDataset } from './dataset.js';
import { freshness, hash, LOCK_FILE, readLock, sameLock, type Lock, type LockEntry } from './lock.js';
import { blank, type Locale, type Namespace } from './locales.js';
import { problem, q, type Problem } from './problems.js';
import type { Site } from './site.js';

/** A problem of one translated string. */
export interface Finding extends Problem { locale: string; ns: string; key: string; source?: string; translation?: string }

export interface LocaleStatus {
  locale: string;
  total: number;
  translated: number;
  missing: number;
  stale: number;
  /** Keys with at least one failed check. */
  failed: number;
  /** Share of keys translated, current and passing every check, 0 to 100. */
  complete: number;
}

export interface Quality {
  findings: Finding[];
  status: LocaleStatus[];
  /** The outdated keys of each locale and namespace, for rendering. */
  stale: StaleIndex;
  /** The lock each locale should now have, with the file it lives in; `changed` is false when the file already says the same. */
  locks: { locale: string; file: string; lock: Lock; changed: boolean }[];
}

/** locale → namespace → outdated keys. */
export type StaleIndex = Map<string, Map<string, Set<string>>>;

/** What the page views ask: the outdated keys of one locale's namespace. */
export const staleKeys = (quality: Pick<Quality, 'stale'>) => (locale: string, ns: string) => quality.stale.get(locale)?.get(ns);

/** Failed checks by locale, namespace and key (only keys with failures), as `checkTranslations` returns them. */
export type CheckResults = Map<string, Map<string, Map<string, CheckFailure[]>>>;

const PLURAL = /_(zero|one|two|few|many|other)$/;
const NO_FAILURES: CheckFailure[] = [];

/** One source key as the checks walk it: plural groups once, under their `_other` key. */
interface SourceKey { key: string; source: string; base: string; plural: boolean }
interface NamespacePlan { ctx: CheckContext; plurals: Set<string>; keys: SourceKey[] }

/** Per namespace, shared by every locale: the checks remember what they worked out from each source text. */
function plan(site: Site): Map<string, NamespacePlan> {
  const articles = new Map(site.articles.map((a) => [a.article, a]));
  const allTerms = [...new Set(site.articles.flatMap(terms))];
  const plans = new Map<string, NamespacePlan>();
  for (const [nsName, sourceNs] of site.source.namespaces) {
    const article = articles.get(nsName);
    const plurals = pluralBases(sourceNs);
    const keys: SourceKey[] = [];
    for (const [key, source] of sourceNs.strings) {
      const base = key.replace(PLURAL, '');
      const plural = plurals.has(base);
      if (plural && key !== `${base}_other`) continue;
      keys.push({ key, source, base, plural });
    }
    plans.set(nsName, { ctx: { terms: article ? terms(article) : allTerms, links: article?.data.links ?? {}, sourceLocale: site.source.tag }, plurals, keys });
  }
  return plans;
}

/** The keys a locale must have for one source key: its plural forms in that language, or the key itself. */
function formsOf(k: SourceKey, categories: string[]): string[] {
  return k.plural ? categories.map((c) => `${k.base}_${c}`) : [k.key];
}

const pluralCategories = (tag: string) => new Intl.PluralRules(tag).resolvedOptions().pluralCategories as string[];

/** Run every check on every translated string of `locales` (default: all but the source): the slow half of `assess`. */
export function checkTranslations(site: Site, locales: Locale[] = site.locales.filter((l) => l !== site.source)): CheckResults {
  const plans = plan(site);
  const out: CheckResults = new Map();
  for (const locale of locales) {
    const categories = pluralCategories(locale.tag);
    const byNs = new Map<string, Map<string, CheckFailure[]>>();
    for (const [nsName, { ctx, keys }] of plans) {
      const strings = locale.namespaces.get(nsName)?.strings;
      if (!strings) continue;
      const sourceNs = site.source.namespaces.get(nsName)!;
      let byKey: Map<string, CheckFailure[]> | undefined;
      const check = (k: string, source: string) => {
        const translation = strings.get(k);
        if (blank(translation)) return;
        const failures = runChecks(source, translation!, ctx);
        if (failures.length) (byKey ??= new Map()).set(k, failures);
      };
      for (const sk of keys)
        if (!sk.plural) check(sk.key, sk.source);
        else for (const k of formsOf(sk, categories)) check(k, sourceNs.strings.get(k) ?? sk.source);
      if (byKey) byNs.set(nsName, byKey);
    }
    if (byNs.size) out.set(locale.tag, byNs);
  }
  return out;
}

/** What `inventory` learnt of one locale; `finish` adds the failed checks. */
interface LocaleInventory {
  locale: Locale;
  total: number;
  translated: number;
  missing: number;
  stale: number;
  /** Source keys (`ns` + key, plural groups by their `_other` key) with a failed check, and those outdated. */
  failed: Set<string>;
  outdated: Set<string>;
}

/** Everything about the translations but the checks: what a build needs before it can render the pages. */
export interface Inventory {
  site: Site;
  findings: Finding[];
  stale: StaleIndex;
  locks: Quality['locks'];
  locales: LocaleInventory[];
  plans: Map<string, NamespacePlan>;
}

/** Compare every locale with the source: missing, orphan, failed checks, plural forms and staleness. */
export function assess(site: Site, localesRoot: string, accept?: (locale: string, ns: string, key: string) => boolean): Quality {
  return finish(inventory(site, localesRoot, accept), checkTranslations(site));
}

/** Missing, orphan and outdated strings, plural forms and the locks: all of `assess` but the checks. */
export function inventory(site: Site, localesRoot: string, accept: (locale: string, ns: string, key: string) => boolean = () => false): Inventory {
  const findings: Finding[] = [];
  const stale: StaleIndex = new Map();
  const locks: Quality['locks'] = [];
  const locales: LocaleInventory[] = [];
  const articles = new Map(site.articles.map((a) => [a.article, a]));
  const plans = plan(site);
  const sourceHashes = new Map<string, string>();
  const sourceHash = (text: string) => {
    let h = sourceHashes.get(text);
    if (h === undefined) sourceHashes.set(text, (h = hash(text)));
    return h;
  };

  for (const locale of site.locales) {
    if (locale === site.source) continue;
    const lockFile = join(localesRoot, locale.folder, LOCK_FILE);
    const before = readLock(lockFile);
    const after: Lock = {};
    const counts: LocaleInventory = { locale, total: 0, translated: 0, missing: 0, stale: 0, failed: new Set(), outdated: new Set() };
    const add = (f: Omit<Finding, 'severity' | 'locale'>) => findings.push({ ...f, locale: locale.tag, severity: 'warning' });
    const categories = pluralCategories(locale.tag);
    const staleHere = new Map<string, Set<string>>();

    for (const [nsName, sourceNs] of site.source.namespaces) {
      const article = articles.get(nsName);
      const articleDate = article?.data.source?.date ?? article?.data.updated;
      const { plurals, keys } = plans.get(nsName)!;
      const ns = locale.namespaces.get(nsName);
      const file = ns?.file ?? join(locale.path, `${nsName}.yaml`);
      const where = (key: string) => (ns ? ns.src.pos(key.split('.')) : { line: 0, col: 0 });
      const lockBefore = before[nsName];
      const lockAfter: Record<string, LockEntry> = (after[nsName] = {});
      let staleKeys: Set<string> | undefined;

      const fresh = (k: string, from: string, translation: string) => {
        const f = accept(locale.tag, nsName, k)
          ? { state: 'current' as const, entry: { source: sourceHash(from), translation: hash(translation) } }
          : freshness(lockBefore?.[k], from, translation, articleDate, sourceHash(from));
        lockAfter[k] = f.entry;
        if (f.state !== 'stale') return;
        counts.stale++;
        (staleKeys ??= new Set()).add(k);
        add({ code: 'STALE', message: `Outdated translation: ${f.reason}. Update it (or confirm it) against the current source.`, file, ...where(k), ns: nsName, key: k, source: from, translation });
        return true;
      };
      const missing = (key: string, shown: string, source: string) => {
        counts.missing++;
        add({ code: 'MISSING', message: `No ${q(locale.tag)} translation for ${q(shown)}; readers see the ${q(site.source.tag)} text.`, file, ...where(key), ns: nsName, key: shown, source });
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
            if (fresh(key, source, translation!)) counts.outdated.add(nsName + '\0' + key);
          }
          continue;
        }
        const forms = formsOf(sk, categories);
        const present = ns ? forms.filter((k) => !blank(ns.strings.get(k))) : [];
        if (!present.length) {
          missing(key, base, source);
          continue;
        }
        counts.translated++;
        if (present.length < forms.length) {
          const lacking = forms.filter((k) => !present.includes(k)).map((k) => k.slice(base.length + 1));
          counts.failed.add(nsName + '\0' + key);
          add({ code: 'PLURAL_FORMS', message: `${q(locale.tag)} needs the plural forms ${categories.map(q).join(', ')} of ${q(base)}; add ${lacking.map((c) => q(`${base.split('.').pop()}_${c}`)).join(', ')}.`, file, ...where(present[0]!), ns: nsName, key: base, source });
        }
        for (const k of present) if (fresh(k, sourceNs.strings.get(k) ?? source, ns!.strings.get(k)!)) counts.outdated.add(nsName + '\0' + key);
      }
      if (staleKeys) staleHere.set(nsName, staleKeys);
      if (ns) orphans(ns, sourceNs, plurals, (key) => add({ code: 'ORPHAN', message: `${q(key)} is not in the source locale; remove it, or add it to the source if it is new.`, file, ...where(key), ns: nsName, key }));
    }
    if (staleHere.size) stale.set(locale.tag, staleHere);
    for (const [nsName, ns] of locale.namespaces)
      if (!site.source.namespaces.has(nsName))
        for (const key of ns.strings.keys()) add({ code: 'ORPHAN', message: `${q(key)} is in ${q(nsName)}, a file the source locale does not have.`, file: ns.file, ...ns.src.pos(key.split('.')), ns: nsName, key });
    locks.push({ locale: locale.tag, file: lockFile, lock: after, changed: !existsSync(lockFile) || !sameLock(before, after) });
    locales.push(counts);
  }
  return { site, findings, stale, locks, locales, plans };
}

/** The inventory with the failed checks added: findings in file order within each locale, and each locale's status. */
export function finish(inv: Inventory, checked: CheckResults): Quality {
  const { site } = inv;
  const findings = [...inv.findings];
  const status: LocaleStatus[] = [];
  for (const counts of inv.locales) {
    const { locale } = counts;
    for (const [nsName, byKey] of checked.get(locale.tag) ?? []) {
      const ns = locale.namespaces.get(nsName);
      const sourceNs = site.source.namespaces.get(nsName);
      const plurals = inv.plans.get(nsName)?.plurals;
      if (!ns || !sourceNs || !plurals) continue;
      for (const [k, failures] of byKey) {
        const translation = ns.strings.get(k);
        if (translation === undefined) continue;
        const base = k.replace(PLURAL, '');
        const key = plurals.has(base) ? `${base}_other` : k;
        const from = sourceNs.strings.get(k) ?? sourceNs.strings.get(key);
        if (from === undefined) continue;
        counts.failed.add(nsName + '\0' + key);
        const at = ns.src.pos(k.split('.'));
        for (const failure of failures) findings.push({ ...failure, severity: 'warning', file: ns.file, ...at, locale: locale.tag, ns: nsName, key: k, source: from, translation });
      }
    }
    // A key that is both outdated and failing a check counts once against completeness.
    const bad = new Set([...counts.failed, ...counts.outdated]);
    const good = counts.translated - bad.size;
    status.push({
      locale: locale.tag,
      total: counts.total,
      translated: counts.translated,
      missing: counts.missing,
      stale: counts.stale,
      failed: counts.failed.size,
      complete: counts.total ? Math.max(0, Math.round((100 * good) / counts.total)) : 100,
    });
  }
  // One locale's findings together, in the order of its files and lines (then as found: the inventory's before the checks').
  const order = new Map(site.locales.map((l, k) => [l.tag, k]));
  findings.sort((a, b) => order.get(a.locale)! - order.get(b.locale)! || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col);
  return { findings, status, stale: inv.stale, locks: inv.locks };
}

function terms(article: LoadedDataset): string[] {
  return [...(article.data.glossary ?? []), ...(article.data.partners ?? []).map((p) => p.name)];
}

/** Keys with an `_other` form in the source are plural groups. */
function pluralBases(ns: Namespace): Set<string> {
  return new Set([...ns.strings.keys()].filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length)));
}

function orphans(ns: Namespace, source: Namespace, plurals: Set<string>, report: (key: string) => void) {
  for (const key of ns.strings.keys()) {
    if (source.strings.has(key)) continue;
    if (PLURAL.test(key) && plurals.has(key.replace(PLURAL, ''))) continue;
    report(key);
  }
}

const byLocale = new WeakMap<Quality, Map<string, Finding[]>>();

/** The findings of one locale, in order (grouped once: filtering tens of thousands of findings per locale adds up). */
export function findingsOf(quality: Quality, locale: string): Finding[] {
  let groups = byLocale.get(quality);
  if (!groups) {
    byLocale.set(quality, (groups = new Map()));
    for (const f of quality.findings) {
      const list = groups.get(f.locale);
      if (list) list.push(f);
      else groups.set(f.locale, [f]);
    }
  }
  return groups.get(locale) ?? [];
}

/** A few lines per build, not one per string: missing keys by name, the rest counted by code. */
export function qualitySummary(quality: Quality, sourceTag: string): string[] {
  const lines: string[] = [];
  for (const s of quality.status) {
    const mine = findingsOf(quality, s.locale);
    const missing = mine.filter((f) => f.code === 'MISSING').map((f) => '`' + f.key + '`');
    if (missing.length)
      lines.push(`${s.locale}: ${missing.length} string${missing.length === 1 ? '' : 's'} not translated, shown in ${sourceTag}: ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ` and ${missing.length - 4} more` : ''}`);
    const counts = new Map<string, number>();
    for (const f of mine) if (f.code !== 'MISSING') counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
    if (counts.size) lines.push(`${s.locale}: ${[...counts].map(([c, n]) => `${n} ${c}`).join(', ')}; see /translation-status/ or run \`npx lockstep status\``);
  }
  return lines;
}

export type { Locale };
