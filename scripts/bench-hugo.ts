/**
 * The bench's Hugo site: the same articles in Hugo's multilingual mode, one data file per article
 * (the dataset) and one i18n bundle per language (the locale strings, flattened to `article.key`
 * ids). Pages are written to `public/<language key>/<article>/index.html` with the same tables,
 * alternates and switcher as Lockstep's theme; Hugo falls back to the default language's bundle for
 * a missing id.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Site } from '../plugin/core/load/site.js';
import type { Dataset, Item } from '../plugin/core/load/dataset-types.js';
import { nativeName } from '../plugin/core/render/view.js';

const LAYOUT = String.raw`{{- $id := .Params.article -}}
{{- $a := index site.Data.articles $id -}}
{{- $t := print $id "." -}}
<!doctype html>
<html lang="{{ site.LanguageCode }}" dir="{{ site.Language.LanguageDirection | default "ltr" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ i18n (print $t "title") }}</title>
<meta name="description" content="{{ i18n (print $t "description") }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Site.LanguageCode }}" href="{{ .RelPermalink }}">
{{ end }}<link rel="alternate" hreflang="x-default" href="/en/{{ $id }}/">
<style>{{ readFile "style.css" | safeCSS }}</style>
</head>
<body>
<header class="site">
  <nav class="switcher" aria-label="{{ i18n "common.languages" }}">
    <span class="switcher-label">{{ i18n "common.switcher" }}</span>
    <ul>
    {{- range .AllTranslations }}
      <li>{{ if eq .Lang $.Lang }}<span aria-current="page" lang="{{ .Site.LanguageCode }}">{{ .Language.LanguageName }}</span>{{ else }}<a href="{{ .RelPermalink }}" hreflang="{{ .Site.LanguageCode }}" lang="{{ .Site.LanguageCode }}">{{ .Language.LanguageName }}</a>{{ end }}</li>
    {{- end }}
    </ul>
  </nav>
</header>
<main>
<article data-lockstep-article="{{ $id }}">
{{- range $a.sections }}{{ $s := . }}
<section aria-labelledby="{{ .anchor }}">
<h{{ .level }} id="{{ .anchor }}">{{ i18n (printf "%ssections.%s.heading" $t .id) | markdownify }}</h{{ .level }}>
{{- if eq .level 1 }}
<p class="updated"><time datetime="{{ $a.updated }}">{{ i18n "common.updated" (dict "date" (time.Format ":date_long" $a.updated)) }}</time></p>
{{- end }}
{{- range .blocks }}
{{- if eq .kind "p" }}
{{ i18n (printf "%ssections.%s.%s" $t $s.id .key) | $.RenderString (dict "display" "block") }}
{{- else if eq .kind "list" }}
<{{ .tag }}>
{{- range .keys }}
  <li>{{ i18n (printf "%ssections.%s.%s" $t $s.id .) | markdownify }}</li>
{{- end }}
</{{ .tag }}>
{{- else if eq .kind "partners" }}
<div class="table-wrap">
<table data-lockstep="{{ .table }}">
<thead><tr><th scope="col" data-key="name">{{ i18n (print $t "partners.name") }}</th><th scope="col" data-key="url">{{ i18n (print $t "partners.website") }}</th></tr></thead>
<tbody>
{{- range .rows }}
<tr data-key="{{ .id }}"><th scope="row" translate="no">{{ .name }}</th><td><a href="{{ .url }}" translate="no" dir="ltr">{{ .url }}</a></td></tr>
{{- end }}
</tbody>
</table>
</div>
{{- else if eq .kind "table" }}{{ $id := .table }}{{ $tb := index $a.tables .table }}
<div class="table-wrap">
<table data-lockstep="{{ $id }}">
<thead><tr><td></td>{{ range $tb.columns }}<th scope="col" data-key="{{ . }}">{{ i18n (printf "%stables.%s.columns.%s" $t $id .) }}</th>{{ end }}</tr></thead>
<tbody>
{{- range $r := $tb.rows }}
<tr data-key="{{ $r.id }}"><th scope="row">{{ i18n (printf "%stables.%s.rows.%s" $t $id $r.id) }}</th>{{ range $c := $tb.columns }}{{ $vals := index $r.cells $c }}{{ $labels := slice }}{{ range $vals }}{{ $labels = $labels | append (i18n (printf "%svalues.%s" $t .)) }}{{ end }}<td data-value="{{ delimit $vals " " }}">{{ delimit $labels ", " }}</td>{{ end }}</tr>
{{- end }}
</tbody>
</table>
</div>
{{- end }}
{{- end }}
</section>
{{- end }}
</article>
</main>
</body>
</html>
`;

/** Hugo language keys are lower case. */
const key = (tag: string) => tag.toLowerCase();

/** Write the Hugo project for `site` into `dir`; `hugo --quiet` there builds `dir/public`. */
export function writeHugoSite(dir: string, site: Site, css: string): { pages: number } {
  const config = [
    'baseURL: https://example.com/',
    `defaultContentLanguage: ${key(site.source.tag)}`,
    'defaultContentLanguageInSubdir: true',
    'disableKinds: [taxonomy, term, RSS, sitemap, robotsTXT, "404", home, section]',
    'languages:',
    ...site.locales.map(
      (l, k) =>
        `  ${key(l.tag)}: ${JSON.stringify({ languageCode: l.tag, languageName: nativeName(site, l.tag), languageDirection: l.dir, weight: k + 1 })}`,
    ),
  ];
  for (const sub of ['layouts/_default', 'data/articles', 'i18n'])
    mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), config.join('\n') + '\n');
  writeFileSync(join(dir, 'layouts/_default/single.html'), LAYOUT);
  writeFileSync(join(dir, 'style.css'), css);
  let pages = 0;
  for (const a of site.articles) {
    const d = a.data;
    const data = {
      updated: d.updated,
      tables: Object.fromEntries(
        Object.entries(d.tables ?? {}).map(([id, t]) => [
          id,
          {
            columns: t.columns,
            rows: t.rows.map((r) => ({
              id: r.id,
              cells: Object.fromEntries(Object.entries(r.cells).map(([c, v]) => [c, [v].flat()])),
            })),
          },
        ]),
      ),
      sections: d.sections.map((s) => ({
        id: s.id,
        anchor: s.anchor ?? s.id,
        level: s.level ?? 2,
        blocks: s.blocks.map((b) =>
          'p' in b
            ? { kind: 'p', key: b.p }
            : 'ul' in b
              ? { kind: 'list', tag: 'ul', keys: b.ul }
              : 'ol' in b
                ? { kind: 'list', tag: 'ol', keys: b.ol }
                : 'table' in b
                  ? { kind: 'table', table: b.table }
                  : 'collection' in b
                    ? collectionBlock(d, b.collection)
                    : 'partners' in b
                      ? collectionBlock(d, { id: 'partners', group: b.partners })
                      : { kind: 'other' },
        ),
      })),
    };
    writeFileSync(join(dir, 'data/articles', `${a.article}.json`), JSON.stringify(data));
    mkdirSync(join(dir, 'content', a.article), { recursive: true });
    for (const l of site.locales) {
      writeFileSync(
        join(dir, 'content', a.article, `index.${key(l.tag)}.md`),
        `---\narticle: ${a.article}\n---\n`,
      );
      pages++;
    }
  }
  const links = new Map(site.articles.map((a) => [a.article, a.data.links ?? {}]));
  for (const l of site.locales) {
    const lines: string[] = [];
    for (const [ns, n] of l.namespaces)
      for (const [k, text] of n.strings) {
        // Hugo's Markdown does not know the dataset's links: write them inline. `{{date}}` becomes
        // Go's `{{ .date }}`.
        const refs = links.get(ns) ?? {};
        const resolved = text
          .replace(/\[([^\]]*)\]\[([^\]]*)\]/g, (m, label: string, id: string) =>
            refs[(id || label).toLowerCase()]
              ? `[${label}](${refs[(id || label).toLowerCase()]})`
              : m,
          )
          .replace(/\{\{\s*(\w+)\s*\}\}/g, '{{ .$1 }}');
        lines.push(`${JSON.stringify(`${ns}.${k}`)}: ${JSON.stringify(resolved)}`);
      }
    writeFileSync(join(dir, 'i18n', `${key(l.tag)}.yaml`), lines.join('\n') + '\n');
  }
  return { pages };
}

/**
 * A collection's table (the bench's collections list partners: a name and a website), its rows
 * worked out here as Lockstep's loader groups them, so Hugo renders the same tables.
 */
function collectionBlock(d: Dataset, ref: string | { id: string; group?: string }) {
  const { id, group } = typeof ref === 'string' ? { id: ref, group: undefined } : ref;
  // The former shape (`partners:` with a `status`), which synthetic sites still use.
  const c =
    d.collections?.[id] ??
    (id === 'partners' && d.partners
      ? { name: 'name', groupBy: 'status', items: d.partners as unknown as Item[] }
      : undefined);
  const items = (c?.items ?? []).filter((i) => !group || !c?.groupBy || i[c.groupBy] === group);
  return {
    kind: 'partners',
    table: group ? `${id}-${group}` : id,
    rows: items.map((i) => ({ id: i.id, name: i[c!.name], url: i.url })),
  };
}
