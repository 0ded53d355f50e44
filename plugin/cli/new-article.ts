import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { UI_DEFAULTS } from '../core/render/view.js';
import { writeAll } from '../core/write-all.js';
import type { ResolvedOptions } from '../options.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * `lockstep new <article>`: a dataset and its source-locale strings that build as they are (a
 * heading, a paragraph and one comparison table), and the common strings if the site has none.
 * Never replaces a file: an article that exists is an error, and nothing is written.
 */
export function newArticle(
  root: string,
  o: ResolvedOptions,
  id: string | undefined,
  today = new Date().toISOString().slice(0, 10),
): { written: string[]; error?: string } {
  if (!id || !ID.test(id))
    return {
      written: [],
      error: `name the new article in lower case with hyphens, such as \`lockstep new getting-started\`${id ? `; found \`${id}\`` : ''}.`,
    };
  const dataset = resolve(root, o.articlesDir, id, o.datasetFile);
  const strings = resolve(root, o.localesDir, o.sourceLocale, `${id}.yaml`);
  const common = resolve(root, o.localesDir, o.sourceLocale, `${o.commonNamespace}.yaml`);
  const taken = [dataset, strings].filter((f) => existsSync(f));
  if (taken.length)
    return {
      written: [],
      error: `\`${relative(root, taken[0]!)}\` exists already; nothing was written. Pick another name, or edit that file.`,
    };
  const schema = relative(
    resolve(root, o.articlesDir, id),
    join(root, 'node_modules', 'eleventy-plugin-lockstep', 'schema', 'dataset.schema.json'),
  ).replace(/\\/g, '/');
  const files = [
    { file: dataset, text: datasetText(schema, today) },
    { file: strings, text: stringsText(id) },
  ];
  if (!existsSync(common)) files.push({ file: common, text: commonText() });
  writeAll(files, root);
  return { written: files.map((f) => relative(root, f.file)) };
}

const datasetText = (schema: string, today: string) => `# yaml-language-server: $schema=${schema}
# Structure and facts, the same in every language. The words are in the locale files.
updated: ${today}

tables:
  plans:
    columns: [basic, pro]
    rows:
      - id: hosting
        cells:
          basic: cloud
          pro: [cloud, on-premises]

sections:
  - id: intro
    level: 1
    blocks:
      - p: overview
  - id: plans
    blocks:
      - p: intro
      - table: plans
`;

const stringsText = (id: string) => {
  const title = id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return `title: ${title}
description: What this article is about, in one sentence.

sections:
  intro:
    heading: ${title}
    overview: The first paragraph. Markdown works here, such as **bold** and [links](https://example.com).
  plans:
    heading: Plans
    intro: The plans compared.

tables:
  plans:
    columns:
      basic: Basic
      pro: Pro
    rows:
      hosting: Hosting

values:
  cloud: Cloud
  on-premises: On premises
`;
};

const commonText = () =>
  '# Strings of the theme, shared by every page.\n' +
  Object.entries(UI_DEFAULTS)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n') +
  '\n';
