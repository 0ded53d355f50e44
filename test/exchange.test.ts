import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assess } from '../plugin/core/check/quality.js';
import { exportFiles, type Format } from '../plugin/core/exchange/export.js';
import { importExchange } from '../plugin/core/exchange/import-back.js';
import { writeAll } from '../plugin/core/write-all.js';
import { audit } from '../plugin/core/audit/audit.js';
import { readTables } from '../plugin/core/audit/html-tables.js';
import { buildSite, cleanup, copySite, loadSiteAt, read } from './helpers.js';

/** The site's fr-FR export in `format`, with every unit of `ns` (default: only what needs work). */
function exported(dir: string, format: Format, all = false) {
  const site = loadSiteAt(dir)!;
  const quality = assess(site, join(dir, 'locales'));
  return { site, files: exportFiles(site, quality, { format, locales: ['fr-FR'], all }) };
}

/**
 * A translator, for XLIFF 2.0: each unit's old translation (codes and all) revised, with a space
 * after each link and the source's do-not-translate spans it lacked, or the source's text after
 * `FR: ` when there was none; every unit marked translated. `own` gives some units a text of their
 * own.
 */
export const fillXliff2 = (text: string, own: Record<string, string> = {}) =>
  text.replace(
    /<unit id="([^"]*)"([^]*?)<segment state="[^"]*"(?: subState="[^"]*")?><source>(.*?)<\/source>(?:<target>(.*?)<\/target>)?<\/segment>/g,
    (_, id: string, head: string, source: string, target: string | undefined) => {
      const lacking = (source.match(/<mrk [^>]*>[^<]*<\/mrk>/g) ?? []).filter(
        (m) => !target?.includes(m),
      );
      const revised =
        own[id] ??
        (target === undefined
          ? `FR: ${source}`
          : // A reviser also puts back the space a machine translation dropped after a link.
            `${target.replace(/<\/pc>(?=\p{L})/gu, '</pc> ')} (révisé${lacking.length ? ', ' + lacking.join(', ') : ''})`);
      return `<unit id="${id}"${head}<segment state="translated"><source>${source}</source><target>${revised}</target></segment>`;
    },
  );

/** The one fr-FR string of the fixture that was left in English. */
const OWN = {
  'teams-contact-center:sections.power.conversation-control':
    'Contrôle direct des conversations et des échanges avec les utilisateurs pendant les conversations <mrk id="m1" translate="no">Teams</mrk>',
};
const filled = (t: string) => fillXliff2(t, OWN);

const roundTrip = suite('importExchange: the round trip');

roundTrip(
  'fr-FR outdated strings come back translated, current, on the pages; tables unchanged',
  async () => {
    const dir = copySite();
    try {
      const page = () => read(join(dir, '_site/fr-fr/teams-contact-center/index.html'));
      // What the tables hold, without offsets: the same before and after.
      const tables = () =>
        JSON.stringify(readTables(page()), (k, v) => (k === 'at' ? undefined : v));
      assert.is((await buildSite(dir)).error, undefined);
      const tablesBefore = tables();
      const { site, files } = exported(dir, 'xliff2');
      assert.is(files.length, 1);
      const file = files[0]!;
      assert.ok(file.units > 0);
      const back = importExchange(site, join(dir, 'locales'), [
        { shown: 'fr.xlf', text: filled(file.text) },
      ]);
      assert.equal(back.problems, []);
      const before = read(join(dir, 'locales/fr-FR/teams-contact-center.yaml'));
      writeAll(back.writes);
      const after = read(join(dir, 'locales/fr-FR/teams-contact-center.yaml'));
      // Comments kept.
      const comments = (t: string) => t.split('\n').filter((l) => /^\s*#/.test(l));
      assert.equal(comments(after), comments(before));
      const again = loadSiteAt(dir)!;
      const quality = assess(again, join(dir, 'locales'));
      const stale = quality.findings.filter((f) => f.locale === 'fr-FR' && f.code === 'STALE');
      assert.equal(stale, []);
      assert.ok(after.includes('Centre de contacts Teams (révisé)'));
      const built = await buildSite(dir);
      assert.is(built.error, undefined);
      assert.ok(
        page().includes('Intégrations du Centre de contacts pour Microsoft Teams (révisé)'),
      );
      assert.equal(audit(built.out).problems, []);
      assert.is(tables(), tablesBefore);
      assert.ok(tablesBefore.includes('"values"'));
      // The lock records the source each string was translated from.
      const lock = JSON.parse(read(join(dir, 'locales/fr-FR/translations.lock')));
      assert.is(lock['teams-contact-center'].title.imported, undefined);
      assert.type(lock['teams-contact-center'].title.source, 'string');
    } finally {
      cleanup(dir);
    }
  },
);

roundTrip.run();

const bad = suite('importExchange: bad incoming files');

/** Import `edit(export)` and expect one problem `code` at a position, and nothing to write. */
function rejects(format: Format, edit: (text: string) => string, code: string, force = false) {
  const dir = copySite();
  try {
    const { site, files } = exported(dir, format);
    const text = edit(files[0]!.text);
    assert.is.not(text, files[0]!.text, 'the edit changed nothing');
    const shown = `fr.${format === 'po' ? 'po' : 'xlf'}`;
    const back = importExchange(site, join(dir, 'locales'), [{ shown, text }], force);
    assert.ok(
      back.problems.some((p) => p.code === code),
      `expected ${code}, got ${back.problems.map((p) => p.code).join(', ')}`,
    );
    for (const p of back.problems) {
      assert.is(p.file, shown);
      assert.ok(p.line >= 1 && p.col >= 1);
    }
    assert.equal(back.writes, []);
    return back.problems;
  } finally {
    cleanup(dir);
  }
}

bad('the wrong locale', () => {
  rejects(
    'xliff2',
    (t) => filled(t).replace('trgLang="fr-FR"', 'trgLang="de-DE"'),
    'EXCHANGE_LOCALE',
  );
});

bad('an unknown id', () => {
  rejects(
    'xliff2',
    (t) => filled(t).replace('id="teams-contact-center:title"', 'id="teams-contact-center:nope"'),
    'EXCHANGE_UNKNOWN_ID',
  );
});

bad('a broken placeholder (a link code removed)', () => {
  const p = rejects(
    'xliff2',
    (t) =>
      filled(t).replace(
        /(<unit id="teams-contact-center:sections\.what-is\.hub"[^]*?<target>[^]*?)<pc [^>]*>([^<]*)<\/pc>/,
        '$1$2',
      ),
    'EXCHANGE_CODES',
  );
  assert.ok(
    p.some((x) => x.code === 'LINK_TARGETS'),
    'the build check runs too',
  );
});

bad('a removed do-not-translate span', () => {
  rejects(
    'xliff2',
    (t) =>
      filled(t).replace(
        /(sections\.intro\.heading[^]*?<target>[^]*?)<mrk [^>]*>Microsoft Teams<\/mrk>/,
        '$1Equipes',
      ),
    'EXCHANGE_TERM',
  );
});

bad('malformed XML', () => {
  const p = rejects(
    'xliff2',
    (t) => filled(t).replace('</target>', '</targt>'),
    'EXCHANGE_MALFORMED',
  );
  assert.ok(p[0]!.line > 1);
});

bad('malformed PO', () => {
  const p = rejects(
    'po',
    (t) => t.replace(/\nmsgstr "Centre/, '\nmsgstr Centre'),
    'EXCHANGE_MALFORMED',
  );
  assert.ok(p[0]!.line > 1);
});

bad('an outdated unit: the source changed since the export', () => {
  const dir = copySite();
  try {
    const { site, files } = exported(dir, 'xliff2');
    const text = filled(files[0]!.text);
    const en = join(dir, 'locales/en/teams-contact-center.yaml');
    writeAll([
      {
        file: en,
        text: read(en).replace('title: Teams contact center', 'title: Teams contact centers'),
      },
    ]);
    const changed = loadSiteAt(dir)!;
    const back = importExchange(changed, join(dir, 'locales'), [{ shown: 'fr.xlf', text }]);
    assert.ok(back.problems.some((p) => p.code === 'EXCHANGE_CONFLICT' && p.line > 1));
    assert.equal(back.writes, []);
    const forced = importExchange(changed, join(dir, 'locales'), [{ shown: 'fr.xlf', text }], true);
    assert.equal(forced.problems, []);
    void site;
  } finally {
    cleanup(dir);
  }
});

bad('a string edited by hand since the export is not overwritten', () => {
  const dir = copySite();
  try {
    const { files } = exported(dir, 'xliff2');
    const fr = join(dir, 'locales/fr-FR/teams-contact-center.yaml');
    const edited = read(fr).replace('Centre de contacts Teams', 'Centre de contact Teams');
    assert.is.not(edited, read(fr));
    writeAll([{ file: fr, text: edited }]);
    const back = importExchange(loadSiteAt(dir)!, join(dir, 'locales'), [
      { shown: 'fr.xlf', text: filled(files[0]!.text) },
    ]);
    assert.ok(back.problems.some((p) => p.code === 'EXCHANGE_EDITED'));
    assert.equal(back.writes, []);
    assert.is(readFileSync(fr, 'utf8'), edited);
  } finally {
    cleanup(dir);
  }
});

bad('a check a build runs fails on an incoming string (PO: a code span lost)', () => {
  rejects(
    'po',
    (t) =>
      t
        .replace(
          /#, fuzzy\n(msgctxt "teams-contact-center:title"\nmsgid "[^"]*"\nmsgstr ")[^"]*"/,
          '$1Centre Microsoft"',
        )
        .replace(/#, fuzzy\n/g, ''),
    'GLOSSARY',
  );
});

bad.run();
