import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  cacheableFacts,
  datasetFacts,
  datasetParses,
  isDatasetFacts,
  lazyDataset,
} from '../plugin/core/load/dataset-facts.js';
import { parseDataset } from '../plugin/core/load/dataset.js';
import { LockstepError } from '../plugin/core/problems.js';
import { fixtures, teams } from './helpers.js';

const TEAMS = readFileSync(join(teams, 'src', 'teams-contact-center', 'dataset.yaml'), 'utf8');
const LEGACY = readFileSync(
  join(fixtures, 'sites', 'minimal', 'src', 'guide', 'dataset.yaml'),
  'utf8',
);
const loaded = (text: string) => parseDataset(text, 'src/a/dataset.yaml', 'a').dataset!;

const facts = suite('datasetFacts');

facts('holds what the checks and every page read, as the data says it', () => {
  const a = loaded(TEAMS);
  const f = datasetFacts(a);
  assert.is(f.updated, a.data.updated);
  assert.is(f.sourceDate, a.data.source!.date);
  assert.equal(f.links, a.data.links);
  assert.ok(f.terms.includes('Microsoft Teams'), 'a glossary term');
  assert.ok(isDatasetFacts(JSON.parse(JSON.stringify(f))), 'it reads back from the cache file');
});
facts.run();

const valid = suite('isDatasetFacts');

valid('refuses a damaged entry', () => {
  const good = { updated: '2024-01-15', terms: ['Acme'], links: { docs: 'https://example.com' } };
  assert.ok(isDatasetFacts(good));
  for (const bad of [
    null,
    [],
    { ...good, updated: 20240115 },
    { ...good, terms: 'Acme' },
    { ...good, links: { docs: 1 } },
    { ...good, sourceDate: null },
  ])
    assert.not.ok(isDatasetFacts(bad), JSON.stringify(bad));
});
valid.run();

const cacheable = suite('cacheableFacts');

cacheable('none for a dataset with a warning (the former `partners:` list)', () => {
  assert.is(cacheableFacts(loaded(LEGACY)), undefined);
  assert.ok(cacheableFacts(loaded(TEAMS)));
});
cacheable.run();

const lazy = suite('lazyDataset');

lazy('parses its text only when its data or positions are read', () => {
  const a = loaded(TEAMS);
  const before = datasetParses.count;
  const d = lazyDataset('a', 'src/a/dataset.yaml', 'x', datasetFacts(a), () =>
    parseDataset(TEAMS, 'src/a/dataset.yaml', 'a'),
  );
  assert.is(d.parsed, false);
  assert.is(d.facts!.updated, a.data.updated);
  assert.is(datasetParses.count, before);
  assert.equal(d.data, a.data);
  assert.equal(d.src.pos(['updated']), a.src.pos(['updated']));
  assert.is(d.parsed, true);
  assert.is(datasetParses.count, before + 1, 'once');
});

lazy('a text that does not parse (a cache written by hand) throws its problems', () => {
  const d = lazyDataset('a', 'src/a/dataset.yaml', 'x', datasetFacts(loaded(TEAMS)), () =>
    parseDataset('updated: [2021', 'src/a/dataset.yaml', 'a'),
  );
  try {
    void d.data;
    assert.unreachable('it should throw');
  } catch (e) {
    assert.instance(e, LockstepError);
    assert.ok((e as LockstepError).problems[0]!.file === 'src/a/dataset.yaml');
  }
});
lazy.run();
