import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { linkSpacing } from '../plugin/core/check/spacing.js';

const ctx = { terms: [], links: {}, sourceLocale: 'en' };
const codes = (source: string, translation: string) =>
  linkSpacing(source, translation, ctx).map((f) => f.code);

const spacing = suite('linkSpacing');

spacing('a link glued to the next word is found, by reference or inline', () => {
  const source = 'The [cloud][voice] features of Teams.';
  assert.equal(codes(source, 'Les fonctionnalités [cloud][voice]de Teams.'), ['LINK_SPACING']);
  assert.equal(
    codes(
      'See [the docs](https://example.com/a) now.',
      'Voir [la doc](https://example.com/a)maintenant.',
    ),
    ['LINK_SPACING'],
  );
  const [f] = linkSpacing(source, 'Les fonctionnalités [cloud][voice]de Teams.', ctx);
  assert.match(f!.message, '`[cloud]…d`');
});

spacing('a link glued to the word before it is found', () => {
  assert.equal(codes('Use the [portal][p] daily.', 'Utilisez le[portail][p] chaque jour.'), [
    'LINK_SPACING',
  ]);
});

spacing('spaces and punctuation beside a link are fine', () => {
  for (const t of [
    'Les fonctionnalités [cloud][voice] de Teams.',
    'Voir « [la doc](https://example.com/a) », puis (la [suite][s]).',
    '[Teams][t], [Graph][g]; [Azure][a].',
    "L'[API][api] et d’[autres][o]-services",
  ])
    assert.equal(codes('The [cloud][voice] features.', t), [], t);
});

spacing('scripts without spaces, or whose particles join the word, are not flagged', () => {
  for (const t of [
    '請參閱[雲端語音][voice]功能。',
    '[クラウド][voice]の機能',
    '[클라우드][voice]를 사용하세요',
    'ดู[คลาวด์][voice]ของ',
    // A Latin word beside a link in Chinese, as Chinese text sets it.
    'Microsoft Teams[的雲端語音][voice]功能',
  ])
    assert.equal(codes('See the [cloud voice][voice] features.', t), [], t);
});

spacing('a link the source glues as well is not a finding; an image is not a link', () => {
  assert.equal(codes('Two [link][l]s.', 'Deux [lien][l]s.'), []);
  assert.equal(codes('An image: ![logo](a.png) here.', 'Une image:![logo](a.png)ici.'), []);
});
spacing.run();
