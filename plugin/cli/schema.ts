import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { articleSchema } from '../core/load/article-schema.js';
import { parseYaml } from '../core/load/yaml-source.js';
import { printable } from '../core/problems.js';
import { writeFileAtomic } from '../core/write.js';
import { options, report, type Command } from './context.js';

/** `lockstep schema <article>`: the article's own schema beside its dataset, for editors. */
export const schemaCommand: Command = (ctx) => {
  const { rest, root } = ctx;
  const o = options(ctx).options;
  const [article] = rest;
  if (!article || rest.length > 1) {
    console.error('lockstep: `schema` takes one article id, such as `lockstep schema my-article`.');
    return 2;
  }
  const articlesDir = resolve(root, o.articlesDir);
  const file = join(articlesDir, article, o.datasetFile);
  const shown = relative(root, file);
  if (!file.startsWith(articlesDir + '/') || !existsSync(file)) {
    console.error(
      printable(
        `lockstep: there is no \`${shown}\`; name an article folder of \`${relative(root, articlesDir) || '.'}\`.`,
      ),
    );
    return 2;
  }
  const src = parseYaml(readFileSync(file, 'utf8'), shown);
  if (src.problems.length) {
    report(src.problems);
    return 1;
  }
  const data = src.value as { collections?: unknown } | null;
  const out = join(articlesDir, article, 'dataset.schema.json');
  writeFileAtomic(out, JSON.stringify(articleSchema(article, data?.collections), null, 2) + '\n');
  console.log(
    printable(
      `lockstep: wrote ${relative(root, out)}. Point the dataset at it with the first line \`# yaml-language-server: $schema=./dataset.schema.json\`, and run this again after changing a collection's fields.`,
    ),
  );
  return 0;
};
