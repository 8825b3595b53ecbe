/** JSON with object keys sorted, so entries read the same on both engines (jsonb reorders keys). */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Before/after of an audit entry, compactly: for two objects only the keys that changed are
 * kept (an update of one field shows one field); otherwise each side is shown whole.
 */
export function compactChange(before: unknown, after: unknown): { before: string | null; after: string | null } {
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const b: Record<string, unknown> = {};
    const a: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (key === 'updatedAt') continue;
      if (stableStringify(before[key]) !== stableStringify(after[key])) {
        if (key in before) b[key] = before[key];
        if (key in after) a[key] = after[key];
      }
    }
    return { before: stableStringify(b), after: stableStringify(a) };
  }
  return {
    before: before === null || before === undefined ? null : stableStringify(before),
    after: after === null || after === undefined ? null : stableStringify(after),
  };
}
