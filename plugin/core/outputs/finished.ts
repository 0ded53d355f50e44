import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuildCache, digest, digestBytes } from '../cache.js';
import { markdownUrl } from '../render/view.js';
import { aheadDigests, PagesAhead } from './finished-ahead.js';

/**
 * What the cache keeps of one finished article page: the digests of its HTML and of its Markdown
 * copy (the bytes are the previous build's output files), and the two strings its head needs that
 * cost a translation to work out again.
 */
interface Stored {
  html: string;
  md?: string;
  /** The page's address, for the thread that reads the pages back (`PagesAhead`). */
  url?: string;
  title: string;
  description: string;
}

const isStored = (v: unknown): v is Stored => {
  const s = v as Partial<Stored> | null;
  return (
    !!s &&
    typeof s.html === 'string' &&
    typeof s.title === 'string' &&
    typeof s.description === 'string' &&
    (s.md === undefined || typeof s.md === 'string') &&
    (s.url === undefined || typeof s.url === 'string')
  );
};

const isThemeStored = (v: unknown): v is { html: string } =>
  !!v && typeof (v as { html?: unknown }).html === 'string';

/** A page made in this build: its entry is kept once its HTML (and Markdown copy) are known. */
interface Made {
  id: string;
  key: string;
  /** The HTML it was rendered to, whose digest `value.html` is once worked out. */
  html?: string;
  value: Partial<Stored> & Pick<Stored, 'title' | 'description' | 'url'>;
}

/**
 * The article pages of the previous one-off build, reused across processes: each is known in
 * `pages.json` by its page key (`pageKeys`) and the host's `salt` (the theme and whatever else
 * turns a view into HTML), and its bytes are read back from the output folder, trusted only when
 * their digest is the one the cache recorded (an output deleted, edited or half written is a miss,
 * rendered again). The cache holds no HTML: about 150 bytes per page.
 */
export class FinishedPages {
  private cache: BuildCache;
  private ahead: PagesAhead;
  private hits = new Map<string, { html: string; md?: string; digest: string }>();
  private made = new Map<string, Made>();
  /** Article pages reused and made in this build. */
  counts = { reused: 0, rendered: 0 };
  /**
   * Told of each page rendered in this build: its digest is worked out when first needed, unless
   * given first (`digested`).
   */
  onRendered?: (url: string, html: string) => void;

  constructor(
    file: string,
    private outDir: string,
    private salt: string,
    private markdown: boolean,
  ) {
    this.cache = new BuildCache(file);
    this.ahead = new PagesAhead(file, outDir, markdown);
  }

  /**
   * The stored head of page `id` at `url` made from inputs `pageKey`, when the previous build's
   * files of it are intact; they are then what `page` and `markdownOf` give.
   */
  find(id: string, pageKey: string, url: string): Stored | undefined {
    const key = this.key(pageKey);
    const stored = this.cache.peek(id, key, isStored);
    if (!stored || (this.markdown && stored.md === undefined)) return undefined;
    // Read on the other thread when it could (at the same address), else here.
    const ahead =
      stored.url === url ? this.ahead.take(id, aheadDigests(stored.html, stored.md)) : undefined;
    const html = ahead ? ahead.text : this.read(join(url, 'index.html'), stored.html);
    const md = !this.markdown
      ? undefined
      : ahead
        ? ahead.md
        : this.read(markdownUrl({ url }), stored.md!);
    if (html === undefined || (this.markdown && md === undefined)) return undefined;
    this.hits.set(url, { html, md, digest: stored.html });
    // An entry of an earlier version has no address: given it, the next build reads ahead.
    this.cache.keep(id, key, stored.url === url ? stored : { ...stored, url });
    this.counts.reused++;
    return stored;
  }

  /** A page this build makes: its entry is stored once `rendered` (and `renderedMarkdown`). */
  expect(id: string, pageKey: string, page: { url: string; title: string; description: string }) {
    const { title, description, url } = page;
    this.made.set(url, { id, key: this.key(pageKey), value: { title, description, url } });
  }

  markdownOf(url: string): string | undefined {
    return this.hits.get(url)?.md;
  }

  /** Page `url`'s HTML: the previous build's when `find` found it, else `render`'s (recorded). */
  page(url: string, render: () => string): string {
    const hit = this.hits.get(url);
    if (hit) return hit.html;
    const html = render();
    this.rendered(url, html);
    return html;
  }

  private rendered(url: string, html: string): void {
    this.counts.rendered++;
    const m = this.made.get(url);
    if (m) {
      m.html = html;
      this.onRendered?.(url, html);
    }
  }

  /** The digest of page `url`'s HTML, worked out elsewhere (the audit's thread). */
  digested(url: string, d: string): void {
    const m = this.made.get(url);
    if (m?.html !== undefined) m.value.html = d;
  }

  /** A page made in this build: the digest of its HTML, worked out now if nobody gave it. */
  private digestOfMade(m: Made): string | undefined {
    return m.html === undefined ? undefined : (m.value.html ??= digest(m.html));
  }

  /**
   * The digest of page `url`'s HTML if `content` is that HTML (what Eleventy wrote, after any
   * transform of the site's, may differ), so the audit need not digest it again.
   */
  digestOf(url: string, content: string): string | undefined {
    const hit = this.hits.get(url);
    if (hit) return hit.html === content ? hit.digest : undefined;
    const m = this.made.get(url);
    return m?.html !== undefined && m.html === content ? this.digestOfMade(m) : undefined;
  }

  renderedMarkdown(url: string, text: string): void {
    const m = this.made.get(url);
    if (m) m.value.md = digest(text);
  }

  /**
   * A page of the theme other than an article's (a 404 page, the picker) at `url`: the previous
   * build's file when `reads` (all its layout reads of its data) is what it was and the file is
   * intact, else what `render` makes (recorded).
   */
  themePage(url: string, reads: string, render: () => string): string {
    const id = `theme ${url}`;
    const key = this.key(reads);
    const stored = this.cache.peek(id, key, isThemeStored);
    const kept = stored && this.read(url.endsWith('/') ? `${url}index.html` : url, stored.html);
    if (stored && kept !== undefined) {
      this.cache.keep(id, key, stored);
      return kept;
    }
    const html = render();
    this.cache.keep(id, key, { html: digest(html) });
    return html;
  }

  /** Let the thread reading the pages back go (a failed build never saves). */
  stop(): void {
    this.ahead.stop();
  }

  /** Write `pages.json` once the host wrote the pages; returns why it could not, if so. */
  save(): string | undefined {
    this.stop();
    for (const m of this.made.values()) {
      this.digestOfMade(m);
      const { id, key, value } = m;
      if (isStored(value) && (!this.markdown || value.md !== undefined))
        this.cache.keep(id, key, value);
    }
    return this.cache.save();
  }

  private key(pageKey: string): string {
    return digest(`${this.salt}\0${this.markdown}\0${pageKey}`);
  }

  /** The output file at `path` (under the output folder), if its text has digest `want`. */
  private read(path: string, want: string): string | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(this.outDir, path));
    } catch {
      return undefined;
    }
    // The digest of the bytes is that of the text (`digest` hashes its UTF-8): decoded only when
    // it is the one wanted, and hashed without encoding the text again.
    return digestBytes(bytes) === want ? bytes.toString('utf8') : undefined;
  }
}
