import lockstep from './dist/index.js';

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
