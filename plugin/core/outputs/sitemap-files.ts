import { updatedOf } from '../load/dataset-facts.js';
import { step } from '../pipeline.js';
import type { Site } from '../load/site.js';
import { alternates, pageUrl, siteHref, type PageView } from '../render/view.js';
import type { BuildState } from '../state.js';
import type { Output } from './output.js';
import { robotsTxt, sitemapEntries, sitemapXml } from './sitemap.js';

type SitemapPage = Pick<PageView, 'canonical' | 'updated' | 'alternates' | 'defaultUrl'>;

/**
 * The sitemap (the picker, then every article page with all its languages) and a robots.txt naming
 * it; only with `siteUrl`.
 */
export const sitemap: Output = {
  name: 'sitemap',
  step: step<BuildState>()({
    name: 'sitemap',
    reads: ['config', 'site', 'pages', 'shard'],
    adds: ['sitemap'],
    enabled: ({ config }) => config.outputs.has('sitemap') && config.siteUrl !== undefined,
    run: ({ config, site, pages, shard }) => {
      const picker = config.outputs.has('picker')
        ? [{ loc: siteHref(site, '/'), alternates: [] }]
        : [];
      // Every shard writes the same sitemap: it lists the pages other shards write too.
      const listed = shard.partial ? everyPage(site) : pages;
      return {
        sitemap: {
          xml: sitemapXml(sitemapEntries(listed, picker)),
          robots: robotsTxt(siteHref(site, '/sitemap.xml')),
        },
      };
    },
  }),
  publish: [
    { template: 'lockstep-sitemap.njk', data: 'sitemap.xml', url: '/sitemap.xml' },
    { template: 'lockstep-robots.njk', data: 'sitemap.robots', url: '/robots.txt' },
  ],
};

/** What the sitemap needs of every page, also of those another shard writes. */
function everyPage(site: Site): SitemapPage[] {
  return site.articles.flatMap((a) =>
    site.locales.map((l) => ({
      canonical: siteHref(site, pageUrl(l, a.article)),
      updated: { iso: updatedOf(a), text: '' },
      alternates: alternates(site, a.article, l),
      defaultUrl: siteHref(site, pageUrl(site.source, a.article)),
    })),
  );
}
