import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { main } from '../plugin/cli.js';
import { articleSchema } from '../plugin/core/load/article-schema.js';
import { cleanup, copySite, fixtures, read } from './helpers.js';

const SBC = join(fixtures, 'sites', 'sbc');
const text = read(join(SBC, 'src', 'certified-sbcs', 'dataset.yaml'));
const data = parse(text) as { collections: unknown };
const validator = (schema: object) => new Ajv({ allErrors: true, strict: false }).compile(schema);
const errorsFor = (edited: string) => {
  const validate = validator(articleSchema('certified-sbcs', data.collections));
  validate(parse(edited));
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
};

const schema = suite('articleSchema');
schema('the article’s own dataset is valid against its schema', () => {
  assert.equal(errorsFor(text), []);
});
schema('items are checked against their collection’s fields, as an editor shows them', () => {
  assert.ok(
    errorsFor(text.replace('firmware: "9.0.2"', 'firmware: 9.0')).includes(
      '/collections/sbcs/items/1/firmware type',
    ),
  );
  assert.ok(
    errorsFor(text.replace('status: deprecated', 'status: end-of-life')).includes(
      '/collections/sbcs/items/2/status enum',
    ),
  );
  assert.ok(
    errorsFor(
      text.replace(
        '        firmware: "9.0.2"\n',
        '        firmware: "9.0.2"\n        hardware: v2\n',
      ),
    ).includes('/collections/sbcs/items/1 additionalProperties'),
  );
  assert.ok(
    errorsFor(text.replace('        vendor: Ribbon\n', '')).includes(
      '/collections/sbcs/items/1 required',
    ),
  );
});
schema.run();

const command = suite('lockstep schema');
command('writes src/<article>/dataset.schema.json beside the dataset', () => {
  const dir = copySite(SBC);
  const { log } = console;
  console.log = () => {};
  const code = main(['schema', 'certified-sbcs'], dir);
  console.log = log;
  assert.is(code, 0);
  const written = JSON.parse(read(join(dir, 'src', 'certified-sbcs', 'dataset.schema.json')));
  assert.equal(written, articleSchema('certified-sbcs', data.collections));
  cleanup(dir);
});
command('an article that does not exist: exit 2, nothing written', () => {
  const dir = copySite(SBC);
  const { error } = console;
  let said = '';
  console.error = (m: string) => (said += m);
  const code = main(['schema', 'no-such-article'], dir);
  console.error = error;
  assert.is(code, 2);
  assert.match(said, 'src/no-such-article/dataset.yaml');
  cleanup(dir);
});
command.run();
