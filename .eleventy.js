import lockstep from './dist/index.js';

/** This repository's docs site: articles in src/, words in locales/, theme in templates/. */
export default function (eleventyConfig) {
  eleventyConfig.addPlugin(lockstep, { sourceLocale: 'en' });
  return { dir: { input: 'src', includes: '../templates', output: '_site' } };
}
