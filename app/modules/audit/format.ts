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
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
        if (key in before) b[key] = before[key];
        if (key in after) a[key] = after[key];
      }
    }
    return { before: JSON.stringify(b), after: JSON.stringify(a) };
  }
  return {
    before: before === null || before === undefined ? null : JSON.stringify(before),
    after: after === null || after === undefined ? null : JSON.stringify(after),
  };
}
