/**
 * Validates request and response bodies against the vendored Azure specs (plus loose shapes for the
 * resources without a spec). Compiled once per specs root and cached: ajv compilation is the slow part.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { PRICINGS_SPEC, RESOURCE_GRAPH_SPEC, SPEC_FILES, SPEC_SCHEMAS, SUBSCRIPTIONS_SPEC, SpecSchemaName, VENDORED_SPECS_ROOT } from './specFiles';
import { LOOSE_SCHEMAS, LooseSchemaName } from './looseSchemas';
import { SchemaMode, swaggerToJsonSchema } from './swaggerToJsonSchema';
import { knownExtensionNames } from './knownExtensions';

export type SchemaName = SpecSchemaName | LooseSchemaName;

export type ValidationResult = { valid: true } | { valid: false; field: string; message: string };

const SCHEMA_BASE = 'https://specs.arm-simulator.invalid';
/** Swagger formats ajv-formats does not define; accepted as plain strings/numbers. */
const ANNOTATION_ONLY_FORMATS = ['arm-id', 'unixtime', 'int32', 'int64', 'float', 'double', 'decimal', 'byte', 'binary', 'password', 'base64url'];

type Json = Record<string, any>;

export class SpecValidator {
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly ajv: Ajv;

  constructor(readonly specsRoot: string = VENDORED_SPECS_ROOT) {
    this.ajv = new Ajv({ strict: true, strictTypes: false, strictTuples: false, allowUnionTypes: true, allErrors: false });
    addFormats(this.ajv);
    for (const format of ANNOTATION_ONLY_FORMATS) if (!this.ajv.formats[format]) this.ajv.addFormat(format, true);
    // A request may not carry a property the spec marks readOnly; see swaggerToJsonSchema.ts.
    this.ajv.addKeyword({ keyword: 'armReadOnly', schemaType: 'boolean', validate: () => false });
    for (const file of SPEC_FILES) {
      const swagger = applyKnownSpecGaps(file, JSON.parse(fs.readFileSync(path.join(specsRoot, file), 'utf8')));
      for (const mode of ['request', 'response'] as const) this.ajv.addSchema(swaggerToJsonSchema(swagger, schemaId(mode, file), mode));
    }
  }

  validateRequest(schema: SchemaName, body: unknown): ValidationResult {
    return this.run('request', schema, body);
  }

  validateResponse(schema: SchemaName, body: unknown): ValidationResult {
    return this.run('response', schema, body);
  }

  private run(mode: SchemaMode, schema: SchemaName, body: unknown): ValidationResult {
    const validate = this.compile(mode, schema);
    if (validate(body)) return { valid: true };
    return describeError(validate.errors![0]);
  }

  private compile(mode: SchemaMode, schema: SchemaName): ValidateFunction {
    const key = `${mode}:${schema}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      if (schema in SPEC_SCHEMAS) {
        const [file, definition] = SPEC_SCHEMAS[schema as SpecSchemaName];
        validate = this.ajv.compile({ $ref: `${schemaId(mode, file)}#/definitions/${definition}` });
      } else {
        validate = this.ajv.compile(LOOSE_SCHEMAS[schema as LooseSchemaName]);
      }
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

const validators = new Map<string, SpecValidator>();

/** The shared validator for a specs root (the vendored copy by default). */
export function specValidator(specsRoot: string = VENDORED_SPECS_ROOT): SpecValidator {
  let validator = validators.get(specsRoot);
  if (!validator) validators.set(specsRoot, (validator = new SpecValidator(specsRoot)));
  return validator;
}

function schemaId(mode: SchemaMode, file: string): string {
  return `${SCHEMA_BASE}/${mode}/${file}`;
}

/**
 * Documented deviations from the verbatim specs, applied in memory only:
 * - Extension.name gets an enum of the known names, which includes ApiPosture (spec issue #43338).
 * - SubscriptionListResult.nextLink is not required: ARM omits it on the last page, and a client must cope.
 * - QueryResponse.data is `type: object` (AutoRest's "any"), but in the default objectArray format it is an array,
 *   as in the spec's own examples: it is an array of objects or a Table.
 */
function applyKnownSpecGaps(file: string, swagger: Json): Json {
  if (file === PRICINGS_SPEC) {
    const name = swagger.definitions.Extension.properties.name;
    name.enum = knownExtensionNames(name.description);
  }
  if (file === RESOURCE_GRAPH_SPEC) {
    const data = swagger.definitions.QueryResponse.properties.data;
    delete data.type;
    data.oneOf = [{ type: 'array', items: { type: 'object' } }, { $ref: '#/definitions/Table' }];
  }
  if (file === SUBSCRIPTIONS_SPEC) {
    const list = swagger.definitions.SubscriptionListResult;
    list.required = (list.required as string[]).filter((field) => field !== 'nextLink');
  }
  return swagger;
}

/** "/properties/extensions/0/name" → "properties.extensions[0].name" */
function fieldPath(instancePath: string, child?: string): string {
  const segments = instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child) segments.push(child);
  return segments.reduce((out, segment) => (/^\d+$/.test(segment) ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment), '') || '(body)';
}

function describeError(error: ErrorObject): { valid: false; field: string; message: string } {
  const params = error.params as Json;
  switch (error.keyword) {
    case 'required':
      return { valid: false, field: fieldPath(error.instancePath, params.missingProperty), message: 'is required' };
    case 'additionalProperties':
      return { valid: false, field: fieldPath(error.instancePath, params.additionalProperty), message: 'is not a property the spec allows here' };
    case 'enum':
      return { valid: false, field: fieldPath(error.instancePath), message: `must be one of: ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'armReadOnly':
      return { valid: false, field: fieldPath(error.instancePath), message: 'is read-only and must not be sent in a request body' };
    default:
      return { valid: false, field: fieldPath(error.instancePath), message: error.message ?? `fails "${error.keyword}"` };
  }
}
