import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { assess } from '../check/quality.js';
import { updateYaml, toYaml } from '../import/write.js';
import { canonicalTag, parseNamespace, type Locale } from '../load/locales.js';
import { formatLock, hash, readLock, LOCK_FILE, type Lock } from '../load/lock.js';
import { historyWrite, locksAfter } from '../load/history.js';
import type { Site } from '../load/site.js';
import { Memo } from '../memo.js';
import { problem, q, type Problem } from '../problems.js';
import type { Format } from './export.js';
import type { Incoming, IncomingFile } from './incoming.js';
import { readPo } from './po.js';
import { readXliff12 } from './xliff12.js';
import { readXliff2 } from './xliff2.js';

const READERS: Record<Format, (text: string) => IncomingFile> = {
  xliff2: readXliff2,
  xliff12: readXliff12,
  po: readPo,
};

/** The format of a file by its extension; XLIFF's version is read from the document. */
export function formatOf(name: string, text: string): Format | undefined {
  if (/\.po$/i.test(name)) return 'po';
  if (!/\.(xlf|xliff)$/i.test(name)) return undefined;
  return /<xliff[^>]*version\s*=\s*["']1\.2["']/.test(text) ? 'xliff12' : 'xliff2';
}

// Checks that say a string is absent or outdated, which the incoming string is about to change.
const NOT_ABOUT_TEXT = new Set(['MISSING', 'STALE', 'ORPHAN']);

export interface Applied {
  /** Files to write (locale files and locks), all or none. */
  writes: { file: string; text: string }[];
  /** Per locale: the keys that change. */
  changed: { locale: string; keys: string[] }[];
  /** Strings the import replaced although they were edited since the export (`force`). */
  forced: string[];
  problems: Problem[];
}

/**
 * Read translators' files back and work out what to write. Every check a build runs runs on the
 * locale as it would be; any problem in any file means nothing is to be written.
 */
export function importExchange(
  site: Site,
  localesRoot: string,
  files: { shown: string; text: string; format?: Format }[],
  force = false,
): Applied {
  const problems: Problem[] = [];
  const forced: string[] = [];
  const incoming = new Map<Locale, { unit: Incoming; shown: string; ns: string; key: string }[]>();
  for (const f of files) {
    const format = f.format ?? formatOf(f.shown, f.text);
    if (!format) {
      problems.push(
        problem(
          'EXCHANGE_MALFORMED',
          `${q(f.shown)} is not an exchange file: name it \`.xlf\`, \`.xliff\` or \`.po\`, or give \`--format\`.`,
          f.shown,
        ),
      );
      continue;
    }
    const read = READERS[format](f.text);
    if (read.problem) {
      problems.push(problem(read.problem.code, read.problem.message, f.shown, read.problem.pos));
      continue;
    }
    const tag = read.locale && canonicalTag(read.locale.tag);
    const locale = site.locales.find((l) => l.tag === tag && l !== site.source);
    if (!locale) {
      problems.push(
        problem(
          'EXCHANGE_LOCALE',
          `${read.locale ? `The file's target language ${q(read.locale.tag)} is not` : 'The file names no target language; expected'} one of the site's translated locales (${site.locales
            .filter((l) => l !== site.source)
            .map((l) => q(l.tag))
            .join(', ')}). Import the file exported for that language.`,
          f.shown,
          read.locale?.pos,
        ),
      );
      continue;
    }
    const list = incoming.get(locale) ?? [];
    incoming.set(locale, list);
    for (const unit of read.units) {
      const at = (code: Problem['code'], message: string) =>
        problems.push(problem(code, message, f.shown, unit.pos));
      const cut = unit.id.indexOf(':');
      const ns = unit.id.slice(0, cut);
      const key = unit.id.slice(cut + 1);
      const source =
        site.source.namespaces.get(ns)?.strings.get(key) ?? pluralSource(site, ns, key);
      if (cut < 0 || source === undefined) {
        at(
          'EXCHANGE_UNKNOWN_ID',
          `Unit ${q(unit.id)} names no string of the source locale; was it renamed or removed? Export again and translate the new file.`,
        );
        continue;
      }
      if (!unit.done) continue;
      for (const fault of unit.faults) at(fault.code, fault.message);
      if (unit.sourceDigest !== hash(source) && !force)
        at(
          'EXCHANGE_CONFLICT',
          `The source of ${q(unit.id)} changed since it was exported (or the unit lost its \`source\` digest); its translation was made for another text. Export again, or pass \`--force\` to take it anyway.`,
        );
      const now = locale.namespaces.get(ns)?.strings.get(key);
      const nowDigest = now ? hash(now) : '';
      if (unit.translationDigest !== nowDigest && now !== unit.target) {
        if (force) forced.push(`${locale.tag} ${unit.id}`);
        else
          at(
            'EXCHANGE_EDITED',
            `The ${q(locale.tag)} text of ${q(unit.id)} was edited in the locale file since the export; the import would overwrite it. Merge the two by hand, or pass \`--force\` to replace it.`,
          );
      }
      list.push({ unit, shown: f.shown, ns, key });
    }
  }
  const changed: Applied['changed'] = [];
  const writes: Applied['writes'] = [];
  const locks = new Map<string, Lock>();
  for (const [locale, list] of incoming) {
    if (!list.length) continue;
    const plan = candidate(site, localesRoot, locale, list, problems);
    if (!plan) continue;
    writes.push(...plan.writes);
    locks.set(...plan.lock);
    changed.push({ locale: locale.tag, keys: list.map((i) => `${i.ns}:${i.key}`) });
  }
  // The texts the new lock entries were made from, for when the source changes again.
  const history =
    locks.size && historyWrite(localesRoot, site, locksAfter(localesRoot, site, locks));
  if (history) writes.push(history);
  return problems.length
    ? { writes: [], changed: [], forced, problems }
    : { writes, changed, forced, problems };
}

function pluralSource(site: Site, ns: string, key: string): string | undefined {
  const m = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
  return m ? site.source.namespaces.get(ns)?.strings.get(`${m[1]}_other`) : undefined;
}

/** The locale with the incoming strings, checked as a build would; its files and lock. */
function candidate(
  site: Site,
  localesRoot: string,
  locale: Locale,
  list: { unit: Incoming; shown: string; ns: string; key: string }[],
  problems: Problem[],
): { writes: Applied['writes']; lock: [string, Lock] } | undefined {
  const byNs = new Map<string, Map<string, string>>();
  for (const i of list) {
    if (!byNs.has(i.ns)) byNs.set(i.ns, new Map());
    byNs.get(i.ns)!.set(i.key, i.unit.target);
  }
  const namespaces = new Map(locale.namespaces);
  const writes: Applied['writes'] = [];
  for (const [ns, strings] of byNs) {
    const old = locale.namespaces.get(ns);
    // The file the namespace was read from, whatever its extension.
    const file = join(localesRoot, locale.folder, old ? basename(old.file) : `${ns}.yaml`);
    const added = [...strings.keys()].filter((k) => old?.strings.get(k) !== strings.get(k));
    const merge = { strings, added, replaced: [], kept: [] };
    const text = old
      ? updateYaml(readFileSync(file, 'utf8'), merge)
      : toYaml(strings, [`${locale.tag} strings for ${ns}, imported by \`lockstep import\`.`]);
    const parsed = parseNamespace(text, old?.file ?? join(locale.path, `${ns}.yaml`));
    if (!parsed.ns) {
      problems.push(...parsed.problems);
      continue;
    }
    namespaces.set(ns, parsed.ns);
    writes.push({ file, text });
  }
  const after: Locale = { ...locale, namespaces, lock: undefined };
  const quality = assess(
    { ...site, locales: site.locales.map((l) => (l === locale ? after : l)), memo: new Memo() },
    localesRoot,
  );
  const where = new Map(list.map((i) => [`${i.ns}\0${i.key}`, i]));
  for (const f of quality.findings) {
    const i = f.locale === locale.tag && where.get(`${f.ns}\0${f.key}`);
    if (!i || NOT_ABOUT_TEXT.has(f.code)) continue;
    problems.push(problem(f.code, `${q(i.unit.id)}: ${f.message}`, i.shown, i.unit.pos));
  }
  // The lock records the source each string was translated from: the current one.
  const lockFile = join(localesRoot, locale.folder, LOCK_FILE);
  const lock = readLock(lockFile, join(locale.path, LOCK_FILE));
  for (const i of list) {
    const source =
      site.source.namespaces.get(i.ns)?.strings.get(i.key) ?? pluralSource(site, i.ns, i.key)!;
    (lock[i.ns] ??= {})[i.key] = { source: hash(source), translation: hash(i.unit.target) };
  }
  writes.push({ file: lockFile, text: formatLock(lock) });
  return { writes, lock: [lockFile, lock] };
}
