import { getZodConstraint, parseWithZod, unstable_coerceFormValue as coerceFormValue } from '@conform-to/zod';
import type { z } from 'zod';

/**
 * Conform's zod helpers, with their schema work done once per schema. `parseWithZod` rebuilds the
 * form-value coercion of the whole schema at every call (a new tree of zod objects: about 1 ms and
 * much garbage for the thread page's union), and `getZodConstraint` walks it at every render; both
 * depend on the schema only, so they are kept per schema object here. Use these, never
 * `parseWithZod` / `getZodConstraint` directly (lint rule in .oxlintrc.json).
 */
const coerced = new WeakMap<z.ZodTypeAny, z.ZodTypeAny>();
const constraints = new WeakMap<z.ZodTypeAny, ReturnType<typeof getZodConstraint>>();

function formSchema<S extends z.ZodTypeAny>(schema: S): S {
  let result = coerced.get(schema);
  if (!result) {
    result = coerceFormValue(schema);
    coerced.set(schema, result);
  }
  return result as S;
}

/** Validates form values (FormData or a URL's search params) as Conform does. */
export function parseWithSchema<S extends z.ZodTypeAny>(payload: FormData | URLSearchParams, schema: S) {
  return parseWithZod(payload, { schema: formSchema(schema), disableAutoCoercion: true });
}

/** The same, for a schema with async checks. */
export function parseWithSchemaAsync<S extends z.ZodTypeAny>(payload: FormData | URLSearchParams, schema: S) {
  return parseWithZod(payload, { schema: formSchema(schema), disableAutoCoercion: true, async: true });
}

/** The HTML constraints (required, minLength…) Conform derives from a schema. */
export function schemaConstraint<S extends z.ZodTypeAny>(schema: S) {
  let result = constraints.get(schema);
  if (!result) {
    result = getZodConstraint(schema);
    constraints.set(schema, result);
  }
  return result;
}

/**
 * The non-empty values of `keys` in a query string, trimmed: what a GET filter form shows back as
 * given, whether or not they parse.
 */
export function givenValues(params: URLSearchParams, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((key) => (params.get(key)?.trim() ? [[key, params.get(key)!.trim()]] : [])));
}
