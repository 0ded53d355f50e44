/**
 * Sites for `npm run bench`: a copy of this repository's site, or a synthetic one generated from
 * parameters (articles, locales, partners, strings, share of missing and outdated strings).
 * Deterministic: the same parameters always give the same files.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { hash, readLock, writeLock, type Lock } from '../plugin/core/load/lock.js';
import { assess } from '../plugin/core/check/quality.js';
import { loadSite } from '../plugin/core/load/site.js';
import { resolveOptions, coreConfig } from '../plugin/options.js';

export const repo = fileURLToPath(new URL('..', import.meta.url));

export interface SiteParams {
  articles: number;
  /** Locales including the source locale `en`. */
  locales: number;
  partners: number;
  /**
   * Strings per article namespace, per locale (the source locale has exactly this many, or a few
   * more).
   */
  strings: number;
  /**
   * Share of a translated locale's strings left out (0 to 1): shown in English, reported as
   * MISSING.
   */
  missing: number;
  /** Share of translations whose source changed since they were translated: reported as STALE. */
  stale: number;
}

/** BCP 47 tags, source first; one right-to-left script every few so `dir="rtl"` is exercised. */
export const TAGS = [
  'en',
  'fr-FR',
  'de-DE',
  'es-ES',
  'it-IT',
  'pt-BR',
  'ru-RU',
  'zh-TW',
  'zh-CN',
  'ja-JP',
  'ko-KR',
  'ar-SA',
  'he-IL',
  'nl-NL',
  'sv-SE',
  'da-DK',
  'nb-NO',
  'fi-FI',
  'pl-PL',
  'cs-CZ',
  'sk-SK',
  'hu-HU',
  'ro-RO',
  'bg-BG',
  'el-GR',
  'tr-TR',
  'uk-UA',
  'hr-HR',
  'sl-SI',
  'sr-Latn-RS',
  'lt-LT',
  'lv-LV',
  'et-EE',
  'pt-PT',
  'es-MX',
  'fr-CA',
  'id-ID',
  'ms-MY',
  'th-TH',
  'vi-VN',
  'hi-IN',
  'ca-ES',
  'eu-ES',
  'gl-ES',
  'is-IS',
  'ga-IE',
  'cy-GB',
  'fa-IR',
  'ur-PK',
  'bn-IN',
  'ta-IN',
  'te-IN',
  'mr-IN',
  'kk-KZ',
  'af-ZA',
  'sw-KE',
  'fil-PH',
  'ka-GE',
  'hy-AM',
  'az-Latn-AZ',
];

/** Copy this repository's site (datasets, locale files with their locks, theme) into `dir`. */
export function copyRepoSite(dir: string): void {
  for (const part of ['src', 'locales', 'templates'])
    cpSync(join(repo, part), join(dir, part), { recursive: true });
}

/** The real article: the docs site's golden copy, with its real locale files and locks. */
const REAL = join(repo, 'test/fixtures/sites/teams');
const REAL_ID = 'teams-contact-center';

/**
 * The real article copied `copies` times (`teams-0001`, ...) with its locale files and lock
 * entries, so every copy carries the real findings (outdated imports, glossary, untranslated
 * strings). `tags`: only these locales (default: all of the article's).
 */
export function copyRealSite(dir: string, copies: number, tags?: string[]): void {
  const ids = Array.from({ length: copies }, (_, k) => `teams-${String(k + 1).padStart(4, '0')}`);
  const dataset = readFileSync(join(REAL, 'src', REAL_ID, 'dataset.yaml'));
  for (const id of ids) {
    mkdirSync(join(dir, 'src', id), { recursive: true });
    writeFileSync(join(dir, 'src', id, 'dataset.yaml'), dataset);
  }
  for (const tag of readdirSync(join(REAL, 'locales'))) {
    if (tags && !tags.includes(tag)) continue;
    const from = join(REAL, 'locales', tag);
    const to = join(dir, 'locales', tag);
    mkdirSync(to, { recursive: true });
    cpSync(join(from, 'common.yaml'), join(to, 'common.yaml'));
    const strings = readFileSync(join(from, `${REAL_ID}.yaml`));
    for (const id of ids) writeFileSync(join(to, `${id}.yaml`), strings);
    const lockFile = join(from, 'translations.lock');
    if (tag === 'en') continue;
    const { [REAL_ID]: entries, ...rest } = readLock(lockFile);
    const lock: Lock = { ...rest };
    for (const id of ids) lock[id] = entries!;
    writeLock(join(to, 'translations.lock'), lock);
  }
  cpSync(join(repo, 'templates'), join(dir, 'templates'), { recursive: true });
}

/** Small seeded PRNG (mulberry32), so every run generates the same site. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the and with of to for is are this that from by which can will your you its at or when should into their they has ' +
  'customer contact center agent call queue routing platform solution provider integration service voice channel ' +
  'support organization partner certified program model experience configuration insight system feature team work ' +
  'message meeting report quality reliable tested secure cloud hosted network user account policy license region'
).split(' ');
const GLOSSARY = ['Microsoft Teams', 'Azure', 'Contoso Cloud'];
const SYLLABLES =
  'ka lo mi ne ru sa ti vo ze pa qu be di fo gu ha ji ke li mo nu po ri se tu va wi xo yu zo'.split(
    ' ',
  );

/** A sentence of `n` words with, now and then, a glossary term, a dataset link or inline code. */
function sentence(rand: () => number, n: number, links: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.04) out.push(GLOSSARY[Math.floor(rand() * GLOSSARY.length)]!);
    else if (r < 0.06 && links.length)
      out.push(
        `[${WORDS[Math.floor(rand() * WORDS.length)]} ${WORDS[Math.floor(rand() * WORDS.length)]}][${links[Math.floor(rand() * links.length)]}]`,
      );
    else if (r < 0.065) out.push('`setting-' + Math.floor(rand() * 9) + '`');
    else out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  }
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

/**
 * What stays verbatim in a translation: interpolations, link ids, code, URLs and do-not-translate
 * terms.
 */
const PROTECTED = new RegExp(
  String.raw`(\{\{[^}]*\}\}|\]\[[^\]]*\]|\x60[^\x60]*\x60|https?://\S+|` +
    GLOSSARY.join('|') +
    '|Partner \\d+ \\w+)',
  'u',
);

/**
 * A pseudo-translation: each word becomes a made-up word of that locale; protected parts are kept.
 */
export function pseudo(text: string, tag: string): string {
  return text
    .split(PROTECTED)
    .map((part, i) =>
      i % 2
        ? part
        : part.replace(/\p{L}+/gu, (w) => {
            let h = 2166136261;
            for (const c of tag + w.toLowerCase()) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
            const n = 2 + ((h >>> 3) % 2);
            let word = '';
            for (let k = 0; k < n; k++) word += SYLLABLES[(h >>> (5 * k + 4)) % SYLLABLES.length];
            return w[0] === w[0]!.toUpperCase()
              ? word.charAt(0).toUpperCase() + word.slice(1)
              : word;
          }),
    )
    .join('');
}

interface Article {
  dataset: Record<string, unknown>;
  strings: Record<string, unknown>;
  flat: [string, string][];
}

/**
 * One article: a dataset shaped like this repository's and its English strings, about `p.strings`
 * of them.
 */
function article(id: string, index: number, p: SiteParams): Article {
  const rand = rng(1000 + index);
  const links = Array.from({ length: 6 }, (_, k) => `link-${k + 1}`);
  const values = [
    'cloud',
    'hybrid',
    'on-premises',
    'provider',
    'microsoft',
    'yes',
    'no',
    'partial',
  ];
  const columns = ['basic', 'standard', 'premium', 'enterprise'];
  const rows = Array.from({ length: 6 }, (_, k) => `row-${k + 1}`);
  const partners = Array.from({ length: p.partners }, (_, k) => ({
    id: `partner-${k + 1}`,
    name: `Partner ${k + 1} ${id.replace(/-/g, '')}`,
    url: `https://partner${k + 1}.example.com/${id}/`,
    status: k % 3 === 2 ? 'in-certification' : 'certified',
  }));
  const flat: [string, string][] = [
    ['title', `${WORDS[10 + (index % 40)]} ${id}`.replace(/^./, (c) => c.toUpperCase())],
    ['description', sentence(rand, 18, [])],
    ['partners.name', 'Partner'],
    ['partners.website', 'Website'],
    ...columns.map((c): [string, string] => [
      `tables.comparison.columns.${c}`,
      c[0]!.toUpperCase() + c.slice(1),
    ]),
    ...rows.map((r): [string, string] => [`tables.comparison.rows.${r}`, sentence(rand, 3, [])]),
    ...values.map((v): [string, string] => [
      `values.${v}`,
      v === 'microsoft' ? 'Microsoft' : v[0]!.toUpperCase() + v.slice(1),
    ]),
  ];
  const sections: Record<string, unknown>[] = [];
  for (let s = 0; flat.length < p.strings || s < 3; s++) {
    const sid = s === 0 ? 'intro' : `section-${s}`;
    const blocks: Record<string, unknown>[] = [];
    flat.push([
      `sections.${sid}.heading`,
      s === 0
        ? `${WORDS[20 + (index % 30)]} ${WORDS[30 + (index % 20)]} overview`
        : sentence(rand, 4, []).slice(0, -1),
    ]);
    const kinds =
      s === 1
        ? ['p', 'partners:certified', 'p', 'partners:in-certification']
        : s === 2
          ? ['p', 'table']
          : s % 2
            ? ['p', 'ul', 'p']
            : ['p', 'ol'];
    let k = 0;
    for (const kind of kinds) {
      if (kind.startsWith('partners:')) blocks.push({ partners: kind.slice(9) });
      else if (kind === 'table') blocks.push({ table: 'comparison' });
      else if (kind === 'p') {
        blocks.push({ p: `p${++k}` });
        flat.push([`sections.${sid}.p${k}`, sentence(rand, 25 + Math.floor(rand() * 30), links)]);
      } else {
        const items = [1, 2, 3].map(() => `item${++k}`);
        blocks.push({ [kind]: items });
        for (const it of items) flat.push([`sections.${sid}.${it}`, sentence(rand, 10, links)]);
      }
    }
    sections.push({ id: sid, ...(s === 0 ? { level: 1 } : {}), blocks });
  }
  const pick = () => values[Math.floor(rand() * values.length)]!;
  const dataset = {
    updated: '2024-05-01',
    glossary: GLOSSARY,
    links: Object.fromEntries(links.map((l) => [l, `https://docs.example.com/${id}/${l}`])),
    partners,
    tables: {
      comparison: {
        columns,
        rows: rows.map((r) => ({
          id: r,
          cells: Object.fromEntries(
            columns.map((c, k) => [
              c,
              k % 3 === 1 ? [pick(), pick()].filter((v, i, a) => a.indexOf(v) === i) : pick(),
            ]),
          ),
        })),
      },
    },
    sections,
  };
  return { dataset, strings: nest(flat), flat };
}

function nest(flat: [string, string][]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, text] of flat) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = text;
  }
  return root;
}

const yaml = (v: unknown) => stringify(v, { lineWidth: 0 });

/**
 * Write a synthetic site into `dir` (`src/`, `locales/`, `templates/`), with lock files as a
 * previous build would have left them, then a `stale` share of them made outdated.
 */
export function generateSite(
  dir: string,
  p: SiteParams,
): { articles: number; locales: string[]; strings: number } {
  if (p.locales > TAGS.length)
    throw new Error(`bench: at most ${TAGS.length} locales; asked for ${p.locales}.`);
  const tags = TAGS.slice(0, p.locales);
  const common = readFileSync(join(repo, 'locales/en/common.yaml'), 'utf8');
  const commonFlat = Object.entries(flatten(parse(common) as Record<string, unknown>));
  const articles = Array.from(
    { length: p.articles },
    (_, k) => `article-${String(k + 1).padStart(4, '0')}`,
  );
  for (const tag of tags) mkdirSync(join(dir, 'locales', tag), { recursive: true });
  let strings = commonFlat.length;
  articles.forEach((id, k) => {
    const a = article(id, k, p);
    strings += a.flat.length;
    mkdirSync(join(dir, 'src', id), { recursive: true });
    writeFileSync(join(dir, 'src', id, 'dataset.yaml'), yaml(a.dataset));
    writeFileSync(join(dir, 'locales/en', `${id}.yaml`), yaml(a.strings));
    const rand = rng(7 + k);
    for (const tag of tags.slice(1)) {
      const kept = a.flat.filter(([key]) => key === 'title' || rand() >= p.missing);
      writeFileSync(
        join(dir, 'locales', tag, `${id}.yaml`),
        yaml(nest(kept.map(([key, text]) => [key, pseudo(text, tag)]))),
      );
    }
  });
  writeFileSync(join(dir, 'locales/en/common.yaml'), common);
  for (const tag of tags.slice(1))
    writeFileSync(
      join(dir, 'locales', tag, 'common.yaml'),
      yaml(nest(commonFlat.map(([key, text]) => [key, pseudo(text, tag)]))),
    );
  cpSync(join(repo, 'templates'), join(dir, 'templates'), { recursive: true });
  writeLocks(dir, p.stale);
  return { articles: articles.length, locales: tags, strings };
}

/**
 * Lock files as a build would write them; then a share of entries made to name an older source
 * text.
 */
function writeLocks(dir: string, stale: number) {
  const { site } = loadSite(dir, coreConfig(resolveOptions({}, 'src')));
  if (!site)
    throw new Error(
      'Internal error: the generated site does not load; run `npx lockstep check` in ' + dir,
    );
  const rand = rng(99);
  for (const { file, lock } of assess(site, join(dir, 'locales')).locks) {
    for (const ns of Object.values(lock))
      for (const entry of Object.values(ns))
        if (rand() < stale) entry.source = hash('an older source text');
    writeLock(file, lock);
  }
}

function flatten(node: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(node)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else if (v && typeof v === 'object')
      Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
  }
  return out;
}
