import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { alignSeed } from '../plugin/core/import/align.js';
import { parseSeed } from '../plugin/core/import/seed.js';
import type { Dataset } from '../plugin/core/load/dataset.js';
import { fixtures } from './helpers.js';

/** The minimal site's article, and its English strings flattened as the import reads them. */
const site = join(fixtures, 'sites', 'minimal');
const data = parse(readFileSync(join(site, 'src/guide/dataset.yaml'), 'utf8')) as Dataset;
function flat(o: Record<string, unknown>, prefix = '', out = new Map<string, string>()) {
  for (const [k, v] of Object.entries(o))
    if (typeof v === 'string') out.set(prefix + k, v);
    else if (v && typeof v === 'object') flat(v as Record<string, unknown>, `${prefix}${k}.`, out);
  return out;
}
const source = flat(parse(readFileSync(join(site, 'locales/en/guide.yaml'), 'utf8')));

const copy = (h: (id: string, text: string) => string) => `---
title: Guide minimal
ms.contentlocale: fr-FR
---
${h('intro', '# Introduction')}

Lisez d'abord la [documentation complète](https://example.com/docs).

- C'est rapide.
- C'est simple.

${h('partners', '## Partenaires')}

1. Postulez au programme.
2. Attendez la certification.

${h('plans', '## Offres')}

Les offres comparées.

| | Basique | Pro |
| --- | --- | --- |
| Hébergement | Cloud | Cloud, sur site |
`;

function imported(text: string) {
  const { seed, problems } = parseSeed(text, 'guide.fr-FR.md');
  assert.equal(problems, []);
  return alignSeed(seed!, data, source);
}

const headings = suite('alignSeed: sections of ordinary Markdown');

headings('`## Heading {#id}` is found by its id', () => {
  const r = imported(copy((id, h) => `${h} {#${id}}`));
  assert.equal(r.missingSections, []);
  assert.is(r.strings.get('sections.partners.heading'), 'Partenaires');
  assert.is(r.strings.get('sections.plans.intro'), 'Les offres comparées.');
});

headings('plain `## Heading` sections are aligned by position and content', () => {
  const r = imported(copy((_, h) => h));
  assert.equal(r.missingSections, []);
  assert.equal(
    r.matchedSections.map((s) => s.id),
    ['intro', 'partners', 'plans'],
  );
  assert.is(r.strings.get('sections.plans.heading'), 'Offres');
  assert.is(r.strings.get('sections.partners.apply'), 'Postulez au programme.');
  assert.is(r.strings.get('tables.plans.columns.basic'), 'Basique');
});

headings('`<a name>` anchors still win', () => {
  const r = imported(copy((id, h) => `${h} <a name="${id}"></a>`));
  assert.equal(r.missingSections, []);
  assert.is(r.strings.get('sections.intro.heading'), 'Introduction');
});

headings.run();
