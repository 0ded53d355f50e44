import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compact, expand, isStoredQuality } from '../plugin/core/check/quality-store.js';
import type { Finding, LocaleStatus } from '../plugin/core/check/types.js';
import type { Locale } from '../plugin/core/load/locales.js';
import type { Site } from '../plugin/core/load/site.js';

/** A source and a French locale of one namespace `a`, as far as `compact` and `expand` read. */
const ns = (strings: Record<string, string>) => ({ strings: new Map(Object.entries(strings)) });
const source = { tag: 'en', namespaces: new Map([['a', ns({ x: 'Hello', y: 'Bye' })]]) };
const fr = { tag: 'fr-FR', namespaces: new Map([['a', ns({ x: 'Bonjour', y: 'Salut' })]]) };
const site = { source } as unknown as Site;
const locale = fr as unknown as Locale;
const status = { locale: 'fr-FR', total: 2 } as LocaleStatus;

const finding = (key: string, more: Partial<Finding> = {}): Finding => ({
  code: 'STALE',
  message: 'Outdated translation.',
  file: 'locales/fr-FR/a.yaml',
  line: 2,
  col: 4,
  severity: 'warning',
  locale: 'fr-FR',
  ns: 'a',
  key,
  ...more,
});

const findings: Finding[] = [
  finding('x', { source: 'Hello', translation: 'Bonjour' }),
  finding('x', { code: 'UNSAFE_LINK', message: 'A link.', source: 'Hello', translation: 'Old' }),
  finding('y', { severity: 'error', locale: 'fr', line: 3 }),
];
const stale: [string, string[]][] = [['a', ['x']]];

const compacted = suite('compact');

compacted(
  'stores each code, message, file and key once, the findings as one list of numbers',
  () => {
    const stored = compact({ findings, status, stale }, site, locale);
    assert.ok(isStoredQuality(stored));
    assert.equal(
      stored.strings.filter((s) => s === 'x'),
      ['x'],
    );
    assert.is(stored.rows.length, findings.length * 8);
    assert.ok(stored.rows.every((n) => typeof n === 'number'));
    // A quote that is not the file's string is kept as it was.
    assert.equal(stored.rest, {
      1: { translation: 'Old' },
      2: { locale: 'fr', severity: 'error' },
    });
  },
);

const expanded = suite('expand');

expanded('gives back the findings compact was given, quotes read from the files', () => {
  const stored = JSON.parse(JSON.stringify(compact({ findings, status, stale }, site, locale)));
  const back = expand(stored, site, locale);
  assert.equal(JSON.parse(JSON.stringify(back.findings)), findings);
  assert.is(back.findings[0]!.translation, 'Bonjour');
  assert.equal(back.stale, stale);
});

compacted.run();
expanded.run();
