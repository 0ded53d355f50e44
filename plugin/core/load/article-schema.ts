import { readFileSync } from 'node:fs';
import { FIELD_TYPES, type Field } from './collections.js';

/** The published schema: `schema/dataset.schema.json` at the package's root. */
const PUBLISHED = new URL('../../../schema/dataset.schema.json', import.meta.url);

type Json = Record<string, unknown>;

/** A field's values as JSON Schema, with the published schema's definitions. */
function fieldSchema(f: Field): Json {
  const one: Json = {
    text: { type: 'string', minLength: 1, description: 'Literal text, never translated.' },
    url: { $ref: '#/definitions/url' },
    email: { $ref: '#/definitions/email' },
    number: { type: 'number' },
    date: { $ref: '#/definitions/date' },
    boolean: { type: 'boolean' },
    label: f.values?.length ? { enum: f.values } : { $ref: '#/definitions/id' },
  }[f.type] as Json;
  return f.list ? { type: 'array', items: one } : one;
}

/**
 * The published dataset schema narrowed to one article: each collection's items are checked
 * against its own field declarations (types, required fields, allowed labels), so an editor
 * running yaml-language-server completes and validates them. `collections` is the dataset's value,
 * as parsed; declarations that are not valid are left to the build to report.
 */
export function articleSchema(article: string, collections: unknown): Json {
  const schema = JSON.parse(readFileSync(PUBLISHED, 'utf8')) as Json;
  delete schema.$id;
  schema.title = `Lockstep dataset of \`${article}\``;
  const own: Json = {};
  const declared =
    collections && typeof collections === 'object' ? (collections as Record<string, unknown>) : {};
  for (const [id, c] of Object.entries(declared)) {
    const fields = (c as { fields?: unknown; name?: unknown })?.fields;
    if (!fields || typeof fields !== 'object') continue;
    const props: Json = { id: { $ref: '#/definitions/id' } };
    const decl = c as { name?: unknown; required?: unknown };
    const required = new Set(['id', ...(Array.isArray(decl.required) ? decl.required : [])]);
    for (const [name, f] of Object.entries(fields as Record<string, Field>)) {
      if (!f || !FIELD_TYPES.includes(f.type)) continue;
      props[name] = fieldSchema(f);
      if (name === decl.name) required.add(name);
    }
    own[id] = {
      allOf: [{ $ref: '#/definitions/collection' }],
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: [...required],
            properties: props,
          },
        },
      },
    };
  }
  const props = schema.properties as Json;
  props.collections = { ...(props.collections as Json), properties: own };
  return schema;
}
