import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { codeSpans, glossary, links, nesting, placeholders, rawHtml, runChecks, untranslated, type CheckContext } from '../plugin/core/checks.js';

const ctx: CheckContext = {
  terms: ['Microsoft Teams', 'Teams', 'Azure', 'NICE inContact'],
  links: { docs: 'https://example.com/docs', mail: 'mailto:a@example.com' },
  sourceLocale: 'en',
};
const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

const ph = suite('placeholders');
ph('same placeholders pass, in any order', () => assert.equal(placeholders('{{a}} and {{b}}', '{{b}} et {{a}}', ctx), []));
ph('a missing, renamed or doubled placeholder fails and is named', () => {
  const [missing] = placeholders('Hello {{name}}', 'Bonjour', ctx);
  assert.is(missing!.code, 'PLACEHOLDER');
  assert.match(missing!.message, '`{{name}}`');
  assert.equal(codes(placeholders('Hello {{name}}', 'Bonjour {{nom}}', ctx)), ['PLACEHOLDER', 'PLACEHOLDER']);
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
ln('same targets pass even when the words around them move', () => assert.equal(links('[the docs][docs] and [mail][mail]', '[courriel][mail], [documentation][docs]', ctx), []));
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
  assert.equal(codes(codeSpans('Run `npm test`', 'Lancez `npm tester`', ctx)), ['CODE_SPANS', 'CODE_SPANS']);
});
code.run();

const html = suite('rawHtml');
html('HTML the source does not have is reported', () => {
  assert.equal(codes(rawHtml('A certified SBC', 'Un <span class="underline">SBC</span> certifié', ctx)), ['RAW_HTML']);
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
  assert.equal(glossary('Microsoft Teams app', 'app de Microsoft equipes', ctx).map((f) => f.message.match(/`[^`]+`/)![0]), ['`Microsoft Teams`']);
  assert.equal(glossary('Partner NICE inContact', 'Partenaire BOM contato', ctx).length, 1);
});
gl.run();

const un = suite('untranslated');
un('identical text is reported unless it is only terms, URLs or a short label', () => {
  assert.equal(codes(untranslated('Call queues route calls to agents', 'Call queues route calls to agents', ctx)), ['UNTRANSLATED']);
  assert.equal(untranslated('Microsoft Teams', 'Microsoft Teams', ctx), []);
  assert.equal(untranslated('Azure + 365', 'Azure + 365', ctx), []);
  assert.equal(untranslated('Informal', 'Informal', ctx), []);
});
un('a translation that reads as English is reported', () => {
  const source = 'Direct control of conversations and interaction with users during Teams conversations';
  assert.equal(codes(untranslated(source, 'Direct conversation control and interaction with users during Teams conversations', ctx)), ['UNTRANSLATED']);
  assert.equal(untranslated(source, 'Contrôle direct des conversations et interaction avec les utilisateurs pendant les conversations Teams', ctx), []);
  assert.equal(untranslated(source, 'Controllo diretto della conversazione e interazione con gli utenti durante le conversazioni di Teams', ctx), []);
  assert.equal(untranslated(source, 'Controle de conversa direto e interação com usuários durante conversas do Teams', ctx), []);
});
un.run();

const all = suite('runChecks');
all('runs every check and returns all failures', () => {
  assert.equal(codes(runChecks('Hello {{name}}, see [docs][docs] on Azure', 'Bonjour, voir [][docs] sur 蔚藍', ctx)), ['PLACEHOLDER', 'EMPTY_LINK', 'GLOSSARY']);
});
all.run();
