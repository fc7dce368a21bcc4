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
      return (v) => {
        if (!Array.isArray(v)) return MISMATCH;
        const out: unknown[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const e = element(v[i]);
          if (e === MISMATCH) return MISMATCH;
          out[i] = e;
        }
        return out;
      };
    }
    case 'object': {
      noChecks(def);
      // Only the default: unknown keys are dropped (strict and passthrough objects are not covered).
      if (def.catchall !== undefined) throw new Unsupported();
      const keys = Object.keys(def.shape ?? {});
      const parsers = keys.map((k) => compile(def.shape![k]!));
      const optional = keys.map((k) => {
        const t = defOf(def.shape![k]!).type;
        return t === 'optional';
      });
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return MISMATCH;
        const input = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          const value = input[k];
          if (value === undefined && optional[i]) {
            // zod keeps a key that is present with the value undefined, and adds none that is absent.
            if (k in input) out[k] = undefined;
            continue;
          }
          const r = parsers[i]!(value);
          if (r === MISMATCH) return MISMATCH;
          out[k] = r;
        }
        return out;
      };
    }
    default:
      throw new Unsupported();
  }
}

function noChecks(def: Def): void {
  if (def.checks?.length || def.check !== undefined) throw new Unsupported();
}

function numberParser(def: Def): SchemaParser {
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
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return MISMATCH;
    if (integer && !Number.isSafeInteger(v)) return MISMATCH;
    for (const [min, inclusive] of lower) if (inclusive ? v < min : v <= min) return MISMATCH;
    for (const [max, inclusive] of upper) if (inclusive ? v > max : v >= max) return MISMATCH;
    return v;
  };
}
