import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { assess } from '../plugin/core/check/quality.js';
import { loadSite } from '../plugin/core/load/site.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { cleanup, copySite, fixtures } from './helpers.js';

function load(dir: string) {
  const options = resolveOptions({
    localesDir: join(dir, 'locales'),
    articlesDir: join(dir, 'src'),
  });
  return loadSite(dir, coreConfig(options));
}

const codes = (ps: { code: string; file: string }[]) => ps.map((p) => `${p.file} ${p.code}`);

const stray = suite('loadSite: strings of no article, and the common file');

stray('a deleted article leaves no findings behind, and its strings file is named', () => {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  try {
    // A second article, then deleted: its source strings stay behind.
    cpSync(join(dir, 'src/guide'), join(dir, 'src/old'), { recursive: true });
    cpSync(join(dir, 'locales/en/guide.yaml'), join(dir, 'locales/en/old.yaml'));
    rmSync(join(dir, 'src/old'), { recursive: true });
    const { site, problems } = load(dir);
    assert.ok(site);
    const findings = assess(site!, join(dir, 'locales')).findings;
    assert.equal(
      findings.filter((f) => f.ns === 'old'),
      [],
    );
    assert.equal(codes(problems), ['locales/en/old.yaml STRAY_NAMESPACE']);
    assert.is(problems[0]!.severity, 'warning');
  } finally {
    cleanup(dir);
  }
});

stray('a source locale without the `commonNamespace` file is a warning that names the fix', () => {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  try {
    renameSync(join(dir, 'locales/en/common.yaml'), join(dir, 'locales/en/ui.yaml'));
    const { problems } = load(dir);
    const missing = problems.find((p) => p.code === 'MISSING_COMMON');
    assert.ok(missing, codes(problems).join('\n'));
    assert.match(missing!.message, 'has no `common.yaml`');
    assert.match(missing!.message, "set `commonNamespace` to the name of your file (`'ui'`?)");
  } finally {
    cleanup(dir);
  }
});

stray.run();
