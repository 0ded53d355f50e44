import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  codeSpans,
  glossary,
  links,
  nesting,
  placeholders,
  rawHtml,
  runChecks,
  untranslated,
  type CheckContext,
} from '../plugin/core/check/checks.js';
import { controls, images, structure, unsafeLinks } from '../plugin/core/check/checks-safety.js';

const ctx: CheckContext = {
  terms: ['Microsoft Teams', 'Teams', 'Azure', 'NICE inContact'],
  links: { docs: 'https://example.com/docs', mail: 'mailto:a@example.com' },
  sourceLocale: 'en',
};
const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

const ph = suite('placeholders');
ph('same placeholders pass, in any order', () =>
  assert.equal(placeholders('{{a}} and {{b}}', '{{b}} et {{a}}', ctx), []),
);
ph('a missing, renamed or doubled placeholder fails and is named', () => {
  const [missing] = placeholders('Hello {{name}}', 'Bonjour', ctx);
  assert.is(missing!.code, 'PLACEHOLDER');
  assert.match(missing!.message, '`{{name}}`');
  assert.equal(codes(placeholders('Hello {{name}}', 'Bonjour {{nom}}', ctx)), [
    'PLACEHOLDER',
    'PLACEHOLDER',
  ]);
  assert.equal(codes(placeholders('{{n}}', '{{n}} {{n}}', ctx)), ['PLACEHOLDER']);
});
ph.run();

const nest = suite('nesting');
nest('$t() references must match', () => {
  assert.equal(nesting('See $t(common:more)', 'Voir $t(common:more)', ctx), []);
  assert.equal(codes(nesting('See $t(common:more)', 'Voir plus', ctx)), ['NESTING']);
});
nest.run();

const ln = suite('links');
ln('same targets pass even when the words around them move', () =>
  assert.equal(
    links('[the docs][docs] and [mail][mail]', '[courriel][mail], [documentation][docs]', ctx),
    [],
  ),
);
ln('a lost, extra or changed target fails', () => {
  assert.equal(codes(links('[the docs][docs]', 'la documentation', ctx)), ['LINK_TARGETS']);
  assert.equal(codes(links('plain', '[x](https://evil.example.com)', ctx)), ['LINK_TARGETS']);
});
ln('an emptied link fails with EMPTY_LINK', () => {
  const found = links('[the docs][docs]', 'voir [][docs]', ctx);
  assert.equal(codes(found), ['EMPTY_LINK']);
  assert.match(found[0]!.message, 'https://example.com/docs');
});
ln.run();

const code = suite('codeSpans');
code('inline code must be kept verbatim', () => {
  assert.equal(codeSpans('Run `npm test`', 'Lancez `npm test`', ctx), []);
  assert.equal(codes(codeSpans('Run `npm test`', 'Lancez `npm tester`', ctx)), [
    'CODE_SPANS',
    'CODE_SPANS',
  ]);
});
code.run();

const html = suite('rawHtml');
html('HTML the source does not have is reported', () => {
  assert.equal(
    codes(rawHtml('A certified SBC', 'Un <span class="underline">SBC</span> certifié', ctx)),
    ['RAW_HTML'],
  );
  assert.equal(rawHtml('Use <b>bold</b>', 'Utilisez <b>gras</b>', ctx), []);
  assert.equal(rawHtml('a < b', 'a < b', ctx), []);
});
html.run();

const gl = suite('glossary');
gl('a term of the source must appear verbatim', () => {
  const [f] = glossary('Runs on Azure', 'Fonctionne sur 蔚藍', ctx);
  assert.is(f!.code, 'GLOSSARY');
  assert.match(f!.message, '`Azure`');
  assert.equal(glossary('Runs on Azure', 'Fonctionne sur Azure', ctx), []);
});
gl('case and word boundaries matter; the longest missing term is reported once', () => {
  assert.equal(codes(glossary('Teams calling', 'appels teams', ctx)), ['GLOSSARY']);
  assert.equal(glossary('Teams calling', 'appels TeamsX', ctx).length, 1);
  assert.equal(
    glossary('Microsoft Teams app', 'app de Microsoft equipes', ctx).map(
      (f) => f.message.match(/`[^`]+`/)![0],
    ),
    ['`Microsoft Teams`'],
  );
  assert.equal(glossary('Partner NICE inContact', 'Partenaire BOM contato', ctx).length, 1);
});
gl.run();

const un = suite('untranslated');
un('identical text is reported unless it is only terms, URLs or a short label', () => {
  assert.equal(
    codes(
      untranslated('Call queues route calls to agents', 'Call queues route calls to agents', ctx),
    ),
    ['UNTRANSLATED'],
  );
  assert.equal(untranslated('Microsoft Teams', 'Microsoft Teams', ctx), []);
  assert.equal(untranslated('Azure + 365', 'Azure + 365', ctx), []);
  assert.equal(untranslated('Informal', 'Informal', ctx), []);
});
un('a translation that reads as English is reported', () => {
  const source =
    'Direct control of conversations and interaction with users during Teams conversations';
  assert.equal(
    codes(
      untranslated(
        source,
        'Direct conversation control and interaction with users during Teams conversations',
        ctx,
      ),
    ),
    ['UNTRANSLATED'],
  );
  assert.equal(
    untranslated(
      source,
      'Contrôle direct des conversations et interaction avec les utilisateurs pendant les conversations Teams',
      ctx,
    ),
    [],
  );
  assert.equal(
    untranslated(
      source,
      'Controllo diretto della conversazione e interazione con gli utenti durante le conversazioni di Teams',
      ctx,
    ),
    [],
  );
  assert.equal(
    untranslated(
      source,
      'Controle de conversa direto e interação com usuários durante conversas do Teams',
      ctx,
    ),
    [],
  );
});
un.run();

const all = suite('runChecks');
all('runs every check and returns all failures', () => {
  assert.equal(
    codes(
      runChecks(
        'Hello {{name}}, see [docs][docs] on Azure',
        'Bonjour, voir [][docs] sur 蔚藍',
        ctx,
      ),
    ),
    ['PLACEHOLDER', 'EMPTY_LINK', 'GLOSSARY'],
  );
});
all.run();

const st = suite('structure');
st(
  'a paragraph string stays a paragraph: no heading, table, list, quote, rule or code block it did not have',
  () => {
    const injected = structure(
      'Read the [docs][docs].',
      'Lisez la [doc][docs].\n\n# Section injectée\n\n| Partenaire | Statut |\n| --- | --- |\n| EvilCorp | certifié |',
      ctx,
    );
    assert.equal(codes(injected), ['STRUCTURE']);
    assert.match(injected[0]!.message, 'a level-1 heading and a table');
    for (const t of [
      '- a\n- b',
      '1. un',
      '> cité',
      'a\n\n---\n\nb',
      '```\ncode\n```',
      '    indenté',
      'Titre\n===',
    ])
      assert.equal(codes(structure('A sentence.', t, ctx)), ['STRUCTURE'], t);
  },
);
st(
  'the blocks the source has are allowed, and line breaks or a second paragraph are not structure',
  () => {
    assert.equal(structure('- one\n- two', '- un\n- deux', ctx), []);
    assert.equal(structure('## Title', '## Titre', ctx), []);
    assert.equal(structure('One sentence.', 'Une phrase,\nsur deux lignes.', ctx), []);
    assert.equal(structure('One sentence.', 'Une phrase.\n\nDeux.', ctx), []);
    assert.equal(codes(structure('## Title', '# Titre', ctx)), ['STRUCTURE']);
  },
);
st('a carriage return is a line break, as markdown-it reads it', () => {
  for (const t of ['Lisez.\r# Section injectée', 'Lisez.\r\r- un\r- deux', 'a\r\n> cité'])
    assert.equal(codes(structure('A sentence.', t, ctx)), ['STRUCTURE'], JSON.stringify(t));
});
st('one line that only starts like a block is one paragraph, read without parsing', () => {
  for (const t of ['**Gras :**', '-x', '+1', '_mot_', '=x', '~x', '*-*'])
    assert.equal(structure('**Bold:**', t, ctx), [], t);
  // Still a paragraph the source does not have, as markdown-it would say.
  assert.equal(codes(structure('## Title', '**Titre**', ctx)), ['STRUCTURE']);
  for (const t of ['* x', '+ x', '-', '***', '* * *', '_ _ _', '--- ', '```js', '~~~'])
    assert.equal(codes(structure('**Bold:**', t, ctx)), ['STRUCTURE'], t);
});
st.run();

const unsafe = suite('unsafeLinks');
unsafe(
  'only http(s), mailto, relative and dataset links; other schemes are named, in one finding',
  () => {
    const [f, ...more] = unsafeLinks(
      'x',
      '[a](ms-msdt:/id%20PCWDiagnostic) <search-ms:query=x> <ms-excel:ofe|u|http://evil/x.xls> [b](javascript:alert(1)) [c](data:text/html,x) [d](file:///etc/passwd)',
      ctx,
    );
    assert.is(f!.code, 'UNSAFE_LINK');
    assert.equal(more, []);
    for (const s of ['`ms-msdt:`', '`search-ms:`', '`ms-excel:`']) assert.match(f!.message, s);
    assert.match(f!.message, 'and 3 more');
    assert.equal(
      unsafeLinks(
        'x',
        '[a](https://a.example/) [b](mailto:a@b.example) [c](../other/) [d](#top) <https://b.example/> [e][docs]',
        ctx,
      ),
      [],
    );
  },
);
unsafe('parentheses in prose are no link; a link needs its address right after its text', () => {
  assert.equal(unsafeLinks('x', 'Voir (ici) et [la doc][docs] (javascript:alert(1))', ctx), []);
  assert.equal(codes(unsafeLinks('x', 'Voir [ici](javascript:alert(1)) (oui)', ctx)), [
    'UNSAFE_LINK',
  ]);
});
unsafe("a reference definition of the translation's own is read too", () => {
  assert.equal(codes(unsafeLinks('x', '[click][evil]\n\n[evil]: vbscript:msgbox', ctx)), [
    'UNSAFE_LINK',
  ]);
});
unsafe.run();

const img = suite('images');
img("an image the source does not have is reported; the source's own image is kept", () => {
  const [f] = images(
    'Read the [docs][docs].',
    '![x](https://evil.example/pixel.png) Lisez la [doc][docs].',
    ctx,
  );
  assert.is(f!.code, 'UNSAFE_IMAGE');
  assert.match(f!.message, '`https://evil.example/pixel.png`');
  assert.equal(
    images('See ![the diagram](/img/a.png).', 'Voir ![le schéma](/img/a.png).', ctx),
    [],
  );
  assert.equal(
    codes(images('See ![the diagram](/img/a.png).', 'Voir ![le schéma](/img/b.png).', ctx)),
    ['UNSAFE_IMAGE'],
  );
});
img.run();

const ctl = suite('controls');
ctl(
  'bidi controls and C0 controls are reported with where they are; LRM and RLM are allowed',
  () => {
    const found = controls('Title', 'Ti\u0000tle \u202emoc.live\u202c', ctx);
    assert.equal(codes(found), ['BIDI_CONTROL', 'CONTROL_CHARACTER']);
    assert.match(found[0]!.message, 'U+202E RIGHT-TO-LEFT OVERRIDE at character 8');
    assert.match(found[1]!.message, 'U+0000 at character 3');
    assert.equal(codes(controls('x', 'a\u2066b\u2069', ctx)), ['BIDI_CONTROL']);
    assert.equal(controls('x', 'שלום\u200f (Teams)\u200e, tab\tand\nline', ctx), []);
  },
);
ctl.run();
