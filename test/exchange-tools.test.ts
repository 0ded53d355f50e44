import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { assess } from '../plugin/core/check/quality.js';
import { exportFiles, type Format } from '../plugin/core/exchange/export.js';
import { exportUnits } from '../plugin/core/exchange/units.js';
import { onCI } from './chromium.js';
import { cleanup, copySite, loadSiteAt } from './helpers.js';

/**
 * What other tools make of our files: Debian's gettext and translate-toolkit, which `.ci/run`
 * installs; under CI a missing tool fails these tests, elsewhere they are skipped with advice.
 */
const TOOLS = ['msgfmt', 'pofilter', 'po2xliff', 'xliff2po'];
const missing = TOOLS.filter((t) => !existsSync(`/usr/bin/${t}`));

const dir = copySite();
const site = loadSiteAt(dir)!;
const quality = assess(site, join(dir, 'locales'));
const fr = site.locales.find((l) => l.tag === 'fr-FR')!;
/** A previous source for every outdated string (PO `#|`), with what a PO string must escape. */
const previous = () => 'An "older" source\\ text\nover two lines';
const units = exportUnits(site, quality, fr, true, previous).get('teams-contact-center')!;
const out = mkdtempSync(join(tmpdir(), 'lockstep-exchange-'));
/** Our export of every fr-FR string of the article, written to a file for the tools. */
function file(format: Format): string {
  const [f] = exportFiles(site, quality, {
    format,
    locales: ['fr-FR'],
    all: true,
    previous,
  }).filter((f) => f.name.includes('teams-contact-center'));
  const path = join(out, f!.name.replace('/', '-'));
  writeFileSync(path, f!.text);
  return path;
}
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });

const tools = suite('exportFiles: other tools read what we write');

if (missing.length && !onCI) {
  console.log(
    `\n  Skipping the gettext and translate-toolkit tests: ${missing.join(', ')} not installed (\`sudo apt-get install gettext translate-toolkit\`).\n`,
  );
  tools.skip('msgfmt, pofilter, po2xliff, xliff2po', () => {});
} else if (missing.length) {
  tools('gettext and translate-toolkit are installed (required under CI=true)', () =>
    assert.unreachable(`${missing.join(', ')} missing: \`.ci/run\` installs them with apt-get.`),
  );
} else {
  tools('msgfmt --check accepts the PO, without a warning', () => {
    const po = file('po');
    assert.ok(
      readFileSync(po, 'utf8').includes(
        '#| msgid "An \\"older\\" source\\\\ text\\nover two lines"',
      ),
    );
    const r = run('msgfmt', ['--check', '-o', '/dev/null', po]);
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stderr, '');
  });

  tools('pofilter runs on the PO', () => {
    const r = run('pofilter', ['--progress=none', file('po'), join(out, 'filtered.po')]);
    assert.is(r.status, 0, r.stderr);
    assert.ok(existsSync(join(out, 'filtered.po')));
  });

  tools('po2xliff converts the PO, one trans-unit per string', () => {
    const r = run('po2xliff', ['--progress=none', file('po'), join(out, 'p2x.xlf')]);
    assert.is(r.status, 0, r.stderr);
    const xlf = readFileSync(join(out, 'p2x.xlf'), 'utf8');
    const strings = xlf.match(/<trans-unit (?![^>]*x-gettext-domain-header)/g);
    assert.is(strings?.length, units.length);
    assert.ok(xlf.includes('Centre de contacts Teams</target>'));
  });

  tools('xliff2po converts our XLIFF 1.2, keeping every id and target', () => {
    const r = run('xliff2po', ['--progress=none', file('xliff12'), join(out, 'x2p.po')]);
    assert.is(r.status, 0, r.stderr);
    const po = readFileSync(join(out, 'x2p.po'), 'utf8');
    for (const u of units) assert.ok(po.includes(`#: ${u.id}\n`), u.id);
    assert.ok(po.includes('msgstr "Centre de contacts Teams"'));
    assert.is(run('msgfmt', ['--check', '-o', '/dev/null', join(out, 'x2p.po')]).status, 0);
  });
}
tools.run();

const xliff2 = suite('writeXliff2: read by an independent XML reader');

xliff2('well formed, and its ids, states, notes and protected spans are as exported', () => {
  const text = readFileSync(file('xliff2'), 'utf8');
  assert.is(XMLValidator.validate(text), true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => ['unit', 'note', 'mrk', 'pc', 'ph', 'data'].includes(name),
  }).parse(text);
  assert.is(doc.xliff['@version'], '2.0');
  assert.is(doc.xliff['@xmlns'], 'urn:oasis:names:tc:xliff:document:2.0');
  assert.is(doc.xliff['@trgLang'], 'fr-FR');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed document: untyped
  const read = doc.xliff.file.unit as Record<string, any>[];
  assert.equal(
    read.map((u) => u['@id']),
    units.map((u) => u.id),
  );
  const STATE = { missing: 'initial', outdated: 'initial', current: 'translated' };
  assert.equal(
    read.map((u) => u.segment['@state']),
    units.map((u) => STATE[u.state]),
  );
  assert.equal(
    read.map((u) => u.notes.note.map((n: { '#text': string }) => n['#text'])),
    units.map((u) => u.notes),
  );
  // Every do-not-translate term of a unit is a `translate="no"` span of its source.
  for (const [i, u] of units.entries()) {
    const spans = mrks(read[i]!.segment.source).filter((m) => m['@translate'] === 'no');
    for (const t of u.terms)
      assert.ok(
        spans.some((m: Record<string, string>) => m['#text'] === t),
        `${u.id}: ${t}`,
      );
  }
  // Links are `<pc>` whose markup is in originalData.
  const hub = read.find((u) => u['@id'] === 'teams-contact-center:sections.what-is.hub')!;
  assert.ok(hub.segment.source.pc.length >= 3);
  assert.ok(
    hub.originalData.data.some((d: { '#text': string }) => d['#text'] === '][cloud-voice]'),
  );
});

/** The `<mrk>` elements of a parsed source, also those inside `<pc>` (links). */
function mrks(el: Record<string, unknown>): Record<string, string>[] {
  const own = (el.mrk ?? []) as Record<string, string>[];
  const inner = ((el.pc ?? []) as Record<string, unknown>[]).flatMap(mrks);
  return [...own, ...inner];
}

xliff2.after(() => {
  cleanup(dir);
  cleanup(out);
});
xliff2.run();
