import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runChecks, type CheckContext } from '../plugin/core/check/checks.js';

/**
 * The translation checks' rules, one case each: every case fails when its rule is broken (a
 * boundary dropped, a threshold moved, a multiset read as a set), not only when an output changes.
 */
const ctx = (terms: string[] = [], sourceLocale = 'en'): CheckContext => ({
  terms,
  links: { docs: 'https://example.com/docs' },
  sourceLocale,
});
const codes = (source: string, translation: string, c = ctx()) =>
  runChecks(source, translation, c).map((f) => f.code);

const glossary = suite('glossary: terms match whole words only');
glossary(
  'a term glued to letters on its left is not the term ("MSTeams" does not contain "Teams")',
  () => {
    assert.equal(
      codes('Chat in Teams today.', 'Discutez dans MSTeams aujourd’hui.', ctx(['Teams'])),
      ['GLOSSARY'],
    );
    // Nor does such a source word require the term.
    assert.equal(
      codes('MSTeams is the old name.', 'MSTeams est l’ancien nom.', ctx(['Teams'])),
      [],
    );
  },
);
glossary(
  'a term glued to letters on its right is not the term ("Teamsy" does not contain "Teams")',
  () => {
    assert.equal(
      codes('Chat in Teams today.', 'Discutez dans Teamsy aujourd’hui.', ctx(['Teams'])),
      ['GLOSSARY'],
    );
  },
);
glossary(
  'punctuation and digits around a term: letters and digits glue, punctuation does not',
  () => {
    assert.equal(codes('Use Teams.', '(Teams) et «Teams».', ctx(['Teams'])), []);
    assert.equal(codes('Use Teams.', 'Utilisez Teams2.', ctx(['Teams'])), ['GLOSSARY']);
  },
);
glossary('a missing longer term is reported alone, not also the shorter term inside it', () => {
  const found = runChecks(
    'Microsoft Teams and Teams rooms.',
    'Les salles.',
    ctx(['Teams', 'Microsoft Teams']),
  );
  assert.equal(
    found.map((f) => f.message.match(/`([^`]+)`/)![1]),
    ['Microsoft Teams'],
  );
});
glossary.run();

const bags = suite('placeholders, nesting, code spans and links: the same, as many times');
bags('a placeholder used twice in the source must be there twice', () => {
  assert.equal(codes('{{n}} of {{n}} done.', '{{n}} terminés.'), ['PLACEHOLDER']);
  assert.equal(codes('{{n}} of {{n}} done.', '{{ n }} sur {{n}} terminés.'), []);
});
bags('a nested key must be the same key', () => {
  assert.equal(codes('See $t(values.cloud).', 'Voir $t(values.email).'), ['NESTING', 'NESTING']);
  assert.equal(codes('See $t(values.cloud).', 'Voir $t(values.cloud).'), []);
});
bags('a code span used twice must be there twice', () => {
  assert.equal(codes('Run `npm test` then `npm test` again.', 'Lancez `npm test` deux fois.'), [
    'CODE_SPANS',
  ]);
});
bags('a link with only white space for text is an empty link', () => {
  assert.equal(codes('Read [the docs][docs].', 'Lisez [ ][docs].'), ['EMPTY_LINK']);
});
bags.run();

const html = suite('rawHtml: only HTML the source does not have');
html('HTML in a translation whose source has none is reported; HTML the source has is not', () => {
  assert.equal(codes('Press Enter.', 'Appuyez sur <kbd>Entrée</kbd>.'), ['RAW_HTML']);
  assert.equal(codes('Press <kbd>Enter</kbd>.', 'Appuyez sur <kbd>Entrée</kbd>.'), []);
});
html.run();

const untranslated = suite(
  'untranslated: identical text of three words or more, or text in the source language',
);
untranslated(
  'a copy of two words beside the glossary terms is a label, of three words a paragraph left untranslated',
  () => {
    assert.equal(
      codes('Contoso Cloud overview page', 'Contoso Cloud overview page', ctx(['Contoso Cloud'])),
      [],
    );
    assert.equal(
      codes(
        'Contoso Cloud overview page here',
        'Contoso Cloud overview page here',
        ctx(['Contoso Cloud']),
      ),
      ['UNTRANSLATED'],
    );
  },
);
untranslated(
  'English function words make a fifth of the words: one in five is enough, fewer is not',
  () => {
    // 1 of 5 words ("the") is English: 20 %.
    assert.equal(codes('Open the settings.', 'Ouvrez the paramètres maintenant vite.'), [
      'UNTRANSLATED',
    ]);
    // 1 of 6: under a fifth.
    assert.equal(codes('Open the settings.', 'Ouvrez the paramètres maintenant très vite.'), []);
  },
);
untranslated('fewer than five words are never judged by their language', () => {
  assert.equal(codes('Open the settings.', 'the and with of'), []);
});
untranslated('only an English source makes English text suspicious', () => {
  assert.equal(
    codes(
      'Öffnen Sie die Einstellungen.',
      'Open the settings with the menu of your app.',
      ctx([], 'de-DE'),
    ),
    [],
  );
  assert.equal(
    codes(
      'Öffnen Sie die Einstellungen.',
      'Open the settings with the menu of your app.',
      ctx([], 'en-GB'),
    ),
    ['UNTRANSLATED'],
  );
});
untranslated.run();
