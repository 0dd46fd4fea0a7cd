import * as jsyaml from 'js-yaml';

// The YAML 1.2 core schema exactly as the `yaml` package resolves plain scalars,
// so the fast js-yaml path reads every value with the same type Backstage sees.
// Notably there is no merge key type: `<<` stays a plain key, as in Backstage.

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_RE = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/;

const nullType = new jsyaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: string | null) => data === null || NULL_RE.test(data),
  construct: () => null,
  predicate: (v: unknown) => v === null,
  represent: () => 'null',
});

const boolType = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && BOOL_RE.test(data),
  construct: (data: string) => data[0] === 't' || data[0] === 'T',
  predicate: (v: unknown) => typeof v === 'boolean',
  represent: (v: object) => String(v),
});

const intType = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && INT_RE.test(data),
  construct: constructInt,
  predicate: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
  represent: (v: object) => String(v),
});

const floatType = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && FLOAT_RE.test(data),
  construct: constructFloat,
  predicate: (v: unknown) => typeof v === 'number',
  represent: (v: object) => String(v),
});

function constructInt(data: string): number {
  if (data.startsWith('0o')) return parseInt(data.slice(2), 8);
  if (data.startsWith('0x')) return parseInt(data.slice(2), 16);
  return Number(data);
}

function constructFloat(data: string): number {
  const lower = data.toLowerCase();
  if (lower.endsWith('.nan')) return NaN;
  if (lower.endsWith('.inf')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Number(data);
}

/** js-yaml schema equal to the `yaml` package's default (1.2 core, no merge keys). */
export const YAML12_CORE_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType] });

// Only these first characters can begin a null, a boolean or a number.
const NON_STRING_FIRST = /^[~nNtTfF0-9+\-.]/;

/** The value a plain (unquoted) scalar resolves to under the YAML 1.2 core schema. */
export function resolvePlainScalar(text: string): unknown {
  if (text !== '' && !NON_STRING_FIRST.test(text)) return text;
  if (NULL_RE.test(text)) return null;
  if (BOOL_RE.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INT_RE.test(text)) return constructInt(text);
  if (FLOAT_RE.test(text)) return constructFloat(text);
  return text;
}
