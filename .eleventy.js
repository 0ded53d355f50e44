// This repository's site runs the plugin from its TypeScript sources through tsx (a dev
// dependency), so `npm install && npx eleventy` needs no compile step and never runs a stale
// build; a site that installs the package gets the compiled `dist/`.
import { register } from 'tsx/esm/api';

register();
const { default: lockstep } = await import('./plugin/index.ts');

/** This repository's docs site: articles in src/, words in locales/, theme in templates/. */
export default function (eleventyConfig) {
  eleventyConfig.addPlugin(lockstep, {
    sourceLocale: 'en',
    // A placeholder address: replace it with the one the site is deployed at.
    siteUrl: 'https://docs.example.com',
    markdown: true,
    // This site's translators read the status page; it is off by default.
    statusPage: true,
  });
  return { dir: { input: 'src', includes: '../templates', output: '_site' } };
}
