/**
 * Turns a Swagger 2.0 document into a JSON Schema document ajv can compile, keeping `definitions` so that
 * `$ref`s (including relative cross-file ones, resolved against the document's `$id`) keep working.
 *
 * Mapping decisions:
 * - `x-ms-*`, `example` and Swagger's string `discriminator` are dropped (annotations ajv does not know).
 * - `enum` stays strict even with `x-ms-enum.modelAsString`: the service rejects unknown values on input,
 *   and the simulator must never emit one.
 * - `x-nullable: true` allows `null` besides the declared type.
 * - `readOnly`: kept as an annotation for responses; for requests the property becomes `armReadOnly`,
 *   a keyword that always fails, so a client that echoes a read-only field gets a 400 naming it.
 * - `additionalProperties` is only restrictive where the spec says so (Swagger's default is open).
 */
export type SchemaMode = 'request' | 'response';

type Json = Record<string, unknown>;

const DROPPED_KEYWORDS = new Set(['example', 'discriminator', 'externalDocs']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'definitions', 'patternProperties']);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'not']);

export function swaggerToJsonSchema(swagger: Json, id: string, mode: SchemaMode): Json {
  return { $id: id, definitions: transformMap(swagger.definitions as Json | undefined, mode, true) };
}

function transformMap(map: Json | undefined, mode: SchemaMode, isDefinitions: boolean): Json {
  const out: Json = {};
  for (const [name, schema] of Object.entries(map ?? {})) {
    const child = schema as Json;
    // A read-only property of an object (not a whole definition) must not appear in a request.
    out[name] = !isDefinitions && mode === 'request' && child.readOnly === true ? { armReadOnly: true } : transformSchema(child, mode);
  }
  return out;
}

export function transformSchema(schema: unknown, mode: SchemaMode): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const source = schema as Json;
  const out: Json = {};
  for (const [keyword, value] of Object.entries(source)) {
    if (keyword.startsWith('x-') || DROPPED_KEYWORDS.has(keyword)) continue;
    if (SCHEMA_MAP_KEYWORDS.has(keyword)) out[keyword] = transformMap(value as Json, mode, keyword === 'definitions');
    else if (SCHEMA_LIST_KEYWORDS.has(keyword)) out[keyword] = (value as unknown[]).map((item) => transformSchema(item, mode));
    else if (SCHEMA_KEYWORDS.has(keyword)) out[keyword] = transformSchema(value, mode);
    else out[keyword] = value;
  }
  if (source['x-nullable'] === true) allowNull(out);
  return out;
}

function allowNull(schema: Json): void {
  if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  if (Array.isArray(schema.enum)) schema.enum = [...schema.enum, null];
}
