'use strict';
// CommonJS entry: Node 20 cannot `require()` an ES module, so this wrapper is an async plugin
// (Eleventy 3 awaits plugins) that imports the ES build when Eleventy runs it.
async function lockstep(eleventyConfig, options) {
  const { default: plugin } = await import('../dist/index.js');
  return plugin(eleventyConfig, options);
}
// The name Eleventy shows in its errors, as the ES build's `eleventyPackage`.
lockstep.eleventyPackage = 'eleventy-plugin-lockstep';
lockstep.eleventyPluginOptions = { unique: true };
module.exports = lockstep;
module.exports.default = lockstep;
