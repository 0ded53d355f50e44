import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Dataset } from '../plugin/core/load/dataset.js';
import { alignSeed, toLocaleMarkdown } from '../plugin/core/import/align.js';
import type { Seed, SeedBlock } from '../plugin/core/import/seed.js';

/**
 * How `lockstep import` matches a copy's blocks to the article's keys: content counts four times as
 * much as position, lengths are compared through the copy's own length ratio, and a value takes the
 * label most of its cells agree on. Each case is built so that breaking one of these picks another
 * key.
 */
const seed = (sections: Record<string, SeedBlock[]>): Seed => ({
  file: 'copy.md',
  front: {},
  sections: Object.entries(sections).map(([anchor, blocks], i) => ({
    anchor,
    level: 2,
    heading: anchor.toUpperCase(),
    line: i * 10 + 1,
    blocks,
  })),
});
const li = (text: string): SeedBlock => ({ kind: 'li', text, line: 1 });
const p = (text: string): SeedBlock => ({ kind: 'p', text, line: 1 });

const weights = suite('alignSeed: what survives translation outweighs position');
weights(
  'a copy holding only the last bullet gives it to the last key, though its position is the middle one',
  () => {
    const data: Dataset = {
      updated: '2024-03-01',
      links: { voice: 'https://example.com/voice' },
      sections: [{ id: 'connect', blocks: [{ ul: ['first', 'second', 'third'] }] }],
    };
    const source = new Map([
      ['sections.connect.first', 'Route calls with queues.'],
      ['sections.connect.second', 'Record every call.'],
      ['sections.connect.third', 'Connect [the voice service][voice] through SIP with 99 agents.'],
    ]);
    const r = alignSeed(
      seed({ connect: [li('Connectez [le service vocal][voice] par SIP avec 99 agents.')] }),
      data,
      source,
    );
    assert.equal([...r.strings.keys()], ['sections.connect.heading', 'sections.connect.third']);
  },
);
weights.run();

const ratio = suite("alignSeed: lengths are compared through the copy's length ratio");
ratio(
  'in a script three times denser than English, a short paragraph is the translation of a long one',
  () => {
    const data: Dataset = {
      updated: '2024-03-01',
      sections: [
        { id: 'intro', blocks: [{ p: 'overview' }] },
        { id: 'more', blocks: [{ p: 'short' }, { p: 'long' }] },
      ],
    };
    const en = (n: number) => 'the service works well here and now. '.repeat(10).slice(0, n).trim();
    const zh = (n: number) => '這項服務在這裡運作良好。'.repeat(20).slice(0, n);
    const source = new Map([
      ['sections.intro.overview', en(300)],
      ['sections.more.short', en(40)],
      ['sections.more.long', en(120)],
    ]);
    // The intro sets the ratio (about a third); `more` has one paragraph of 40 characters.
    const r = alignSeed(seed({ intro: [p(zh(100))], more: [p(zh(40))] }), data, source);
    assert.is(r.strings.get('sections.more.long'), zh(40));
    assert.is(r.strings.has('sections.more.short'), false);
  },
);
ratio.run();

const tables = suite('alignSeed: table labels');
tables('a value takes the label most of its cells agree on, wherever the first one is', () => {
  const data: Dataset = {
    updated: '2024-03-01',
    tables: {
      plans: {
        columns: ['basic', 'pro'],
        rows: [
          { id: 'hosting', cells: { basic: 'cloud', pro: 'cloud' } },
          { id: 'support', cells: { basic: 'cloud', pro: 'email' } },
        ],
      },
    },
    sections: [{ id: 'plans', blocks: [{ table: 'plans' }] }],
  };
  const table: SeedBlock = {
    kind: 'table',
    header: ['', 'Base', 'Pro'],
    rows: [
      ['Hébergement', 'Le nuage', 'Nuage'],
      ['Assistance', 'Nuage', 'E-mail'],
    ],
    line: 1,
  };
  const r = alignSeed(seed({ plans: [table] }), data, new Map());
  assert.equal(
    [
      r.strings.get('values.cloud'),
      r.strings.get('values.email'),
      r.strings.get('tables.plans.columns.pro'),
    ],
    ['Nuage', 'E-mail', 'Pro'],
  );
});
tables.run();

const links = suite(
  'toLocaleMarkdown: a link becomes a dataset reference when it has the same target',
);
links('whatever the host, the case, a `.md` ending or a final slash', () => {
  const known = { intro: 'https://learn.example.com/docs/Intro', mail: 'mailto:team@example.com' };
  const r = toLocaleMarkdown(
    'Voir [l’intro](./docs/intro.md), [encore](http://other.example.com/docs/INTRO/) et <team@example.com>.',
    known,
  );
  assert.equal(r, {
    text: 'Voir [l’intro][intro], [encore][intro] et [team@example.com][mail].',
    unknown: [],
  });
  assert.equal(
    toLocaleMarkdown('Voir [ailleurs](https://other.example.com/autre).', known).unknown,
    ['https://other.example.com/autre'],
  );
});
links.run();
