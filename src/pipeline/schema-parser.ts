// A parser compiled once from a zod schema, for the output check every article
// goes through: it accepts what the schema accepts and builds the same value
// zod's parse returns (objects rebuilt in the schema's key order, unknown keys
// dropped), without zod's per-value bookkeeping, which the profile showed at a
// fifth of all allocation. It covers the kinds the output contract is made of;
// compileSchemaParser returns null for a schema using anything else, and the
// caller then keeps zod. On failure it only says "no": the caller asks zod for
// the message. tests/foundation/schema-parser.test.ts holds it to zod's answers.
import type { z } from 'zod';

/** The parser's "does not match". */
export const MISMATCH: unique symbol = Symbol('mismatch');

export type SchemaParser = (value: unknown) => unknown;

interface Def {
  type: string;
  checks?: Array<{ _zod: { def: { check: string; value?: unknown; inclusive?: boolean } } }>;
  shape?: Record<string, z.ZodType>;
  catchall?: unknown;
  element?: z.ZodType;
  innerType?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, unknown>;
  format?: string;
  check?: string;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Compiles `schema` into a parser, or returns null when the schema uses a kind this file does not cover. */
export function compileSchemaParser(schema: z.ZodType): SchemaParser | null {
  try {
    return compile(schema);
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

class Unsupported extends Error {}

function compile(schema: z.ZodType): SchemaParser {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      noChecks(def);
      return (v) => (typeof v === 'string' ? v : MISMATCH);
    case 'boolean':
      noChecks(def);
      return (v) => (typeof v === 'boolean' ? v : MISMATCH);
    case 'number':
      return numberParser(def);
    case 'literal': {
      noChecks(def);
      const values = def.values ?? [];
      return (v) => (values.includes(v) ? v : MISMATCH);
    }
    case 'enum': {
      noChecks(def);
      const values = new Set(Object.values(def.entries ?? {}));
      return (v) => (values.has(v) ? v : MISMATCH);
    }
    case 'optional': {
      noChecks(def);
      const inner = compile(def.innerType!);
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case 'nullable': {
      noChecks(def);
      const inner = compile(def.innerType!);
      return (v) => (v === null ? null : inner(v));
    }
    case 'array': {
      noChecks(def);
      const element = compile(def.element!);
      // An array of leaves (names, roles) is tested in place, element by element, without a call per element.
      const leaf = inlineTest(def.element!);
      if (leaf) return new Function('M', `return function parseLeafArray(v) {\nif (!Array.isArray(v)) return M;\nfor (let i = 0; i < v.length; i++) { const e = v[i]; if (!(${leaf('e')})) return M; }\nreturn v;\n};`)(MISMATCH) as SchemaParser;
      return (v) => {
        if (!Array.isArray(v)) return MISMATCH;
        // The array itself when every element comes back as it is (zod would copy it; the value is the same).
        let out: unknown[] | undefined;
        for (let i = 0; i < v.length; i++) {
          const e = element(v[i]);
          if (e === MISMATCH) return MISMATCH;
          if (out === undefined && e !== v[i]) out = v.slice(0, i);
          if (out !== undefined) out.push(e);
        }
        return out ?? v;
      };
    }
    case 'object': {
      noChecks(def);
      // Only the default: unknown keys are dropped (strict and passthrough objects are not covered).
      if (def.catchall !== undefined) throw new Unsupported();
      const keys = Object.keys(def.shape ?? {});
      const parsers = keys.map((k) => compile(def.shape![k]!));
      const optional = keys.map((k) => defOf(def.shape![k]!).type === 'optional');
      const inline = keys.map((k) => inlineTest(def.shape![k]!));
      return objectParser(keys, parsers, optional, inline);
    }
    default:
      throw new Unsupported();
  }
}

/**
 * The parser of an object, generated as code: reading each key by name (v.start) lets the
 * engine cache where the key is, which reading it by a variable key (v[k]) does not, and the
 * profile showed the check's keyed reads at most of its cost. Keys are written as JSON string
 * literals, so no key can inject code.
 */
function objectParser(
  keys: readonly string[],
  parsers: readonly SchemaParser[],
  optional: readonly boolean[],
  inline: ReadonlyArray<((x: string) => string) | null>,
): SchemaParser {
  const lines: string[] = ['if (typeof v !== "object" || v === null || Array.isArray(v)) return M;'];
  keys.forEach((k, i) => {
    const key = JSON.stringify(k);
    lines.push(`const v${i} = v[${key}];`);
    // A leaf (string, boolean, plain number, string enum) tested in place: the value comes back as it is.
    const test = inline[i];
    if (test) {
      lines.push(`if (!(${test(`v${i}`)})) return M;`);
      lines.push(`const r${i} = v${i};`);
      return;
    }
    // An absent optional key, or one set to undefined, stays as it is (zod's answer too).
    lines.push(`const r${i} = ${optional[i] ? `v${i} === undefined ? undefined : ` : ''}P[${i}](v${i});`);
    lines.push(`if (r${i} === M) return M;`);
  });
  // The object itself when its values come back as they are and its keys are the schema's, in its order.
  const same = keys.map((_, i) => `r${i} === v${i}`).join(' && ');
  lines.push(`if (${same || 'true'} && inOrder(v, K)) return v;`);
  lines.push('const o = {};');
  // zod keeps a key that is present with the value undefined, and adds none that is absent.
  keys.forEach((k, i) => lines.push(`if (r${i} !== undefined || ${JSON.stringify(k)} in v) o[${JSON.stringify(k)}] = r${i};`));
  lines.push('return o;');
  const make = new Function('P', 'M', 'inOrder', 'K', `return function parseObject(v) {\n${lines.join('\n')}\n};`) as (
    p: readonly SchemaParser[],
    m: typeof MISMATCH,
    inOrder: typeof inSchemaOrder,
    k: readonly string[],
  ) => SchemaParser;
  return make(parsers, MISMATCH, inSchemaOrder, keys);
}

/**
 * For a leaf schema, a function that writes the JS test of a value (an expression true when the
 * parser would return the value itself); null for anything else. Optional and nullable wrap a leaf.
 */
function inlineTest(schema: z.ZodType): ((x: string) => string) | null {
  const def = defOf(schema);
  // A number with bounds or an integer check (every offset in the output) is tested in place too:
  // the parser's closure walked its bounds for each of them.
  if (def.type === 'number') {
    const { integer, lower, upper } = numberChecks(def);
    const bounds = [...lower.map(([min, inclusive]) => ['>', min, inclusive] as const), ...upper.map(([max, inclusive]) => ['<', max, inclusive] as const)];
    if (!bounds.every(([, v]) => Number.isFinite(v))) return null;
    const tests = bounds.map(([op, v, inclusive]) => (x: string) => `${x} ${op}${inclusive ? '=' : ''} ${String(v)}`);
    return (x) => `(${[`typeof ${x} === "number"`, `Number.isFinite(${x})`, ...(integer ? [`Number.isSafeInteger(${x})`] : []), ...tests.map((t) => t(x))].join(' && ')})`;
  }
  const plain = !def.checks?.length && def.check === undefined;
  if (!plain) return null;
  switch (def.type) {
    case 'string':
      return (x) => `typeof ${x} === "string"`;
    case 'boolean':
      return (x) => `typeof ${x} === "boolean"`;
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      if (!values.length || !values.every((v) => typeof v === 'string')) return null;
      return (x) => `(${values.map((v) => `${x} === ${JSON.stringify(v)}`).join(' || ')})`;
    }
    case 'optional': {
      const inner = inlineTest(def.innerType!);
      return inner && ((x) => `(${x} === undefined || ${inner(x)})`);
    }
    case 'nullable': {
      const inner = inlineTest(def.innerType!);
      return inner && ((x) => `(${x} === null || ${inner(x)})`);
    }
    default:
      return null;
  }
}

/** True when the object's own keys are some of `keys`, in their order (zod's returned object would have the same). */
function inSchemaOrder(input: Record<string, unknown>, keys: readonly string[]): boolean {
  // Inherited enumerable keys make zod rebuild the object: not the same (looked for only past a plain prototype).
  const proto = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) for (const k in input) if (!Object.hasOwn(input, k)) return false;
  // for-in walks the keys from the engine's enum cache for the object's shape without making an
  // array (Object.keys made one per object checked); past a plain prototype every key it yields is
  // the object's own (an enumerable key added to Object.prototype is met too, and makes a rebuild).
  let i = 0;
  for (const k in input) {
    while (i < keys.length && keys[i] !== k) {
      if (keys[i]! in input) return false;
      i++;
    }
    if (i === keys.length) return false;
    i++;
  }
  return true;
}

function noChecks(def: Def): void {
  if (def.checks?.length || def.check !== undefined) throw new Unsupported();
}

/** A number schema's checks: whether it must be a safe integer, and its bounds as [value, inclusive]. */
function numberChecks(def: Def): { integer: boolean; lower: Array<[number, boolean]>; upper: Array<[number, boolean]> } {
  let integer = false;
  if (def.check !== undefined) {
    if (def.check !== 'number_format' || def.format !== 'safeint') throw new Unsupported();
    integer = true;
  }
  // Bounds as [value, inclusive]; every one must hold.
  const lower: Array<[number, boolean]> = [];
  const upper: Array<[number, boolean]> = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (typeof d.value !== 'number') throw new Unsupported();
    if (d.check === 'greater_than') lower.push([d.value, d.inclusive === true]);
    else if (d.check === 'less_than') upper.push([d.value, d.inclusive === true]);
    else throw new Unsupported();
  }
  return { integer, lower, upper };
}

function numberParser(def: Def): SchemaParser {
  const { integer, lower, upper } = numberChecks(def);
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return MISMATCH;
    if (integer && !Number.isSafeInteger(v)) return MISMATCH;
    for (const [min, inclusive] of lower) if (inclusive ? v < min : v <= min) return MISMATCH;
    for (const [max, inclusive] of upper) if (inclusive ? v > max : v >= max) return MISMATCH;
    return v;
  };
}
