import Ajv, { type ValidateFunction } from 'ajv';
import {
  IS_ARRAY,
  IS_BOOLEAN,
  IS_IN,
  IS_INT,
  IS_ISO8601,
  IS_NUMBER,
  IS_OBJECT,
  IS_POSITIVE,
  IS_STRING,
  MATCHES,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
  ValidationTypes,
  getMetadataStorage,
  isNumber,
  maxLength,
  minLength,
} from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { EventDefinition } from '../events/event-definition';
import { EVENT_DEFINITIONS, findEventDefinition } from '../events/event-registry';
import { EventEnvelope } from './event-envelope';
import { isIsoDateTime } from './iso-date-time';

type Schema = Record<string, unknown>;
type Meta = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/**
 * The JSON Schema of a contract class as class-validator-jsonschema generates it (the generator of
 * docs/contracts), with converters that keep class-validator's exact meaning, so that the compiled
 * validator accepts exactly what the classes accept:
 * - keywords never carry a `type` for a constraint that only implies one (the generator merges
 *   properties' schemas, and IsInt's `integer` would be overwritten by Min's `number`); the implied
 *   type is its own keyword (`cvNumber`, `cvString`) instead;
 * - ISO 8601 (through isIsoDateTime, which agrees with it), IsNumber and string lengths call
 *   class-validator's own functions (ajv's `date-time` and `maxLength` differ on edge cases: a space
 *   separator, variation selectors).
 * Any other constraint, custom ones included, is not translated: its class stays with class-validator.
 */
const CONVERTERS: Record<string, (meta: Meta) => Schema> = {
  [IS_ARRAY]: () => ({ type: 'array' }),
  [IS_STRING]: () => ({ type: 'string' }),
  [IS_BOOLEAN]: () => ({ type: 'boolean' }),
  [IS_INT]: () => ({ type: 'integer' }),
  [IS_OBJECT]: () => ({ type: 'object' }),
  [IS_IN]: (meta) => ({ enum: meta.constraints[0] as unknown[] }),
  [IS_NUMBER]: (meta) => ({ cvIsNumber: meta.constraints[0] ?? {} }),
  [MIN]: (meta) => ({ cvNumber: true, minimum: meta.constraints[0] as number }),
  [MAX]: (meta) => ({ cvNumber: true, maximum: meta.constraints[0] as number }),
  [IS_POSITIVE]: () => ({ cvNumber: true, exclusiveMinimum: 0 }),
  [MIN_LENGTH]: (meta) => ({ cvMinLength: meta.constraints[0] as number }),
  [MAX_LENGTH]: (meta) => ({ cvMaxLength: meta.constraints[0] as number }),
  [MATCHES]: (meta) => ({ cvString: true, pattern: (meta.constraints[0] as RegExp).source }),
  [IS_ISO8601]: (meta) => ({ cvIsISO8601: meta.constraints[0] ?? {} }),
  [ValidationTypes.CONDITIONAL_VALIDATION]: () => ({}),
};

/** The constraint names of a class's rules, as the generator keys its converters. */
function constraintsOf(cls: new () => object): { property: string; name: string; meta: Meta }[] {
  const storage = getMetadataStorage();
  return storage.getTargetValidationMetadatas(cls, '', true, false).map((meta) => {
    const named = meta.constraintCls
      ? storage.getTargetValidatorConstraints(meta.constraintCls)[0]
      : undefined;
    return { property: meta.propertyName, name: named?.name ?? meta.type, meta };
  });
}

/**
 * Whether every rule of the class means the same in the compiled schema: no custom constraint, and
 * `each` only on a property that must also be an array (the generator puts an `each` rule under
 * `items` of an array; class-validator applies it to a lone value too, which IsArray refuses anyway).
 */
function translatable(cls: new () => object): boolean {
  const constraints = constraintsOf(cls);
  const arrays = new Set(constraints.filter((c) => c.name === IS_ARRAY).map((c) => c.property));
  return constraints.every(({ property, name, meta }) => {
    if (meta.each && !arrays.has(property)) return false;
    if (name === MATCHES) return (meta.constraints[0] as RegExp).flags === '';
    return Object.hasOwn(CONVERTERS, name);
  });
}

/** The class's schema; IsOptional properties admit null too, which class-validator skips as absent. */
function classSchema(cls: new () => object): Schema {
  const schema = targetConstructorToSchema(cls, { additionalConverters: CONVERTERS }) as Schema;
  const properties = { ...(schema.properties as Record<string, Schema>) };
  const optional = constraintsOf(cls).filter((c) => c.name === ValidationTypes.CONDITIONAL_VALIDATION);
  for (const { property } of optional)
    properties[property] = { anyOf: [{ type: 'null' }, properties[property]] };
  return { ...schema, properties };
}

function compiler(): Ajv {
  // unicodeRegExp off: class-validator's Matches runs the pattern without the `u` flag.
  const ajv = new Ajv({ strictTypes: false, strictNumbers: true, unicodeRegExp: false, allErrors: false });
  const keyword = <S>(
    name: string,
    schemaType: 'boolean' | 'object' | 'number',
    check: (schema: S, data: unknown) => boolean,
  ) =>
    ajv.addKeyword({
      keyword: name,
      schemaType,
      errors: false,
      validate: (schema: S, data: unknown) => check(schema, data),
    });
  keyword<boolean>('cvNumber', 'boolean', (_, data) => typeof data === 'number');
  keyword<boolean>('cvString', 'boolean', (_, data) => typeof data === 'string');
  keyword<object>('cvIsNumber', 'object', (options, data) => isNumber(data, options));
  keyword<object>(
    'cvIsISO8601',
    'object',
    (options, data) => typeof data === 'string' && isIsoDateTime(data, options),
  );
  keyword<number>('cvMinLength', 'number', (min, data) => typeof data === 'string' && minLength(data, min));
  keyword<number>('cvMaxLength', 'number', (max, data) => typeof data === 'string' && maxLength(data, max));
  return ajv;
}

export interface CompiledContract {
  /** Accepts exactly what class-validator accepts, unless `exact` is false (then it may accept more). */
  readonly validate: ValidateFunction;
  /** False when some rule has no schema translation: class-validator must confirm what this accepts. */
  readonly exact: boolean;
  /** The properties the class declares (what class-validator's whitelist keeps), in canonical order. */
  readonly declared: readonly string[];
}

export interface CompiledContracts {
  readonly envelope: CompiledContract;
  payload(definition: EventDefinition): CompiledContract;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compile(ajv: Ajv, cls: new () => object): CompiledContract {
  const schema = classSchema(cls);
  return {
    validate: ajv.compile(schema),
    exact: translatable(cls),
    declared: Object.keys(schema.properties as Schema).sort(byCodePoint),
  };
}

let compiled: CompiledContracts | undefined;
let ajvInstance: Ajv | undefined;
/** One compiler for every contract: its keywords are added once. */
const sharedAjv = () => (ajvInstance ??= compiler());
const exactContracts = new Map<new () => object, CompiledContract | null>();

/**
 * One contract class compiled on first use and shared (the bus's own contracts: notices, audit
 * entries), or null when some rule has no schema translation: such a class is never compiled (the
 * generator's schema for it may name what ajv refuses, such as the `uuid` format).
 */
export function exactContract(cls: new () => object): CompiledContract | null {
  let found = exactContracts.get(cls);
  if (found === undefined) {
    found = translatable(cls) ? compile(sharedAjv(), cls) : null;
    exactContracts.set(cls, found);
  }
  return found;
}

/** Every contract compiled once, on first use (a few hundred milliseconds), then shared. */
export function compiledContracts(): CompiledContracts {
  if (compiled) return compiled;
  const ajv = sharedAjv();
  const payloads = new Map(EVENT_DEFINITIONS.map((d) => [d, compile(ajv, d.payload)]));
  compiled = {
    envelope: compile(ajv, EventEnvelope),
    payload(definition) {
      const found = payloads.get(definition);
      if (!found)
        throw new Error(`event type ${definition.type} v${definition.schemaVersion} is not registered`);
      return found;
    },
  };
  return compiled;
}

/**
 * The compiled contracts' verdict on a parsed record: `accept` (with the definition and the payload
 * class-validator's whitelist would keep, already canonical: see canonicalPayload), `reject`, or
 * `undecided` when the type's class has rules the schema cannot carry and the schema accepted.
 */
export type CompiledVerdict =
  | { verdict: 'accept'; definition: EventDefinition; payload: Record<string, unknown> }
  | { verdict: 'reject' | 'undecided' };

export function checkCompiled(record: object): CompiledVerdict {
  const contracts = compiledContracts();
  if (!contracts.envelope.validate(record)) return { verdict: 'reject' };
  const fields = record as EventEnvelope;
  const definition = findEventDefinition(fields.type, fields.schemaVersion);
  if (!definition || definition.source !== fields.source) return { verdict: 'reject' };
  const contract = contracts.payload(definition);
  if (!contract.validate(fields.payload)) return { verdict: 'reject' };
  if (!contract.exact) return { verdict: 'undecided' };
  // One pass over the declared keys, already in canonical order: no entries, filter or sort per record.
  const payload: Record<string, unknown> = {};
  const given = fields.payload;
  for (const key of contract.declared)
    if (Object.hasOwn(given, key) && given[key] !== undefined) payload[key] = given[key];
  return { verdict: 'accept', definition, payload };
}
