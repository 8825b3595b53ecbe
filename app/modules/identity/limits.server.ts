import type { Caller } from '~/lib/caller.server';
import { fail, type Failure } from '~/lib/result';
import { take, type LimitName } from '~/lib/rate-limit.server';

/** Where a caller comes from, as rate limits key it (work outside a request counts as one place). */
export function placeOf(caller: Caller): string {
  return caller.ip ?? 'local';
}

/** Counts one attempt against a limit: null while allowed, else the rate-limited failure (429, Retry-After). */
export async function limit(name: LimitName, key: string): Promise<Failure | null> {
  const wait = await take(name, key);
  return wait === null ? null : fail.rateLimited(wait);
}
