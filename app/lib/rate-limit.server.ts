import { json } from '@remix-run/node';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { dialect } from './dialect/index.server';
import { logger } from './logger.server';

/**
 * Rate limits (rate-limiter-flexible), stored where the engine's dialect says (./dialect/): in
 * memory on SQLite (one process), in PostgreSQL's rate_limits table, through the process's one
 * connection pool, so several processes count together.
 * Limits are per IP and, where it applies, per account or e-mail address.
 */
export const LIMITS = {
  /**
   * Sign-in (app/modules/identity/sign-in-limits.server.ts): every attempt per IP; wrong
   * passwords per account and IP (the guesser's place is stopped, not the account); wrong
   * passwords per account from all places, past which each place gets one try per 30 s (slowed,
   * never blocked); and the owner's notice, once per window.
   */
  signInIp: { points: 50, duration: 15 * 60 },
  signInFailAccountIp: { points: 5, duration: 15 * 60 },
  signInFailAccount: { points: 20, duration: 15 * 60 },
  signInSlowAccountIp: { points: 1, duration: 30 },
  signInNoticeAccount: { points: 1, duration: 15 * 60 },
  signUpIp: { points: 10, duration: 60 * 60 },
  passwordResetIp: { points: 10, duration: 60 * 60 },
  passwordResetEmail: { points: 3, duration: 60 * 60 },
  mailSendAccount: { points: 10, duration: 60 * 60 },
  /** Forum posts (threads and replies); accounts younger than a day get the stricter one. */
  postAccount: { points: 30, duration: 10 * 60 },
  postNewAccount: { points: 6, duration: 10 * 60 },
  postIp: { points: 120, duration: 10 * 60 },
  flagAccount: { points: 20, duration: 60 * 60 },
  /** Reactions (each toggle counts): plenty for a reader, not for a script flooding events. */
  reactAccount: { points: 60, duration: 5 * 60 },
  /** Poll votes (each vote or change counts), for the same reason. */
  voteAccount: { points: 30, duration: 5 * 60 },
  /** The editor's @mention suggestions (one lookup per pause in typing, cached by the page). */
  mentionLookupAccount: { points: 120, duration: 60 },
  mentionLookupIp: { points: 600, duration: 60 },
  /** Pictures uploaded into posts with the editor (each re-encoded: CPU and disk). */
  pictureUploadAccount: { points: 30, duration: 10 * 60 },
  /** Filing service requests (the form is public: anonymous filers are counted by IP). */
  requestFileIp: { points: 20, duration: 60 * 60 },
  requestFileAccount: { points: 10, duration: 60 * 60 },
  /** The public follow-up form after a request is closed (no account needed): answers per IP. */
  followUpIp: { points: 20, duration: 60 * 60 },
  /** Public surveys answered without an account: every page posted, per IP. */
  surveyAnswerIp: { points: 100, duration: 10 * 60 },
  /**
   * Block-watch alerts, per group whoever sends them: urgent notices reach every member by mail
   * at once, so a group sends a few an hour, never a stream.
   */
  alertGroup: { points: 3, duration: 60 * 60 },
  /**
   * Residency checks (budgets/eligibility): a letter's code typed, and an address matched against
   * the census, per account; enough for typos, too few to guess a code or walk the census.
   */
  residencyCodeAccount: { points: 5, duration: 15 * 60 },
  residencyAddressAccount: { points: 10, duration: 60 * 60 },
  /** Open311 GeoReport v2: every call per IP, and every POST per API key (valid or not). */
  open311Ip: { points: 600, duration: 60 },
  open311Key: { points: 100, duration: 60 * 60 },
} as const;
export type LimitName = keyof typeof LIMITS;

const limiters = new Map<LimitName, RateLimiterAbstract>();

function limiter(name: LimitName): RateLimiterAbstract {
  let found = limiters.get(name);
  if (!found) {
    found = dialect().rateLimiter({ keyPrefix: name, ...LIMITS[name] });
    limiters.set(name, found);
  }
  return found;
}

/** The 429 answer (the localized "too many attempts" page) with its Retry-After. */
function tooManyRequests(retryAfterSeconds: number) {
  return json(
    { error: 'rateLimited', retryAfter: retryAfterSeconds },
    { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
  );
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Counts one attempt; throws a 429 response with Retry-After when the limit is used up. */
export async function consume(name: LimitName, key: string): Promise<void> {
  const wait = await take(name, key);
  if (wait !== null) throw tooManyRequests(wait);
}

/** Counts one attempt if the limit allows it (null), else answers the seconds to wait. */
export async function take(name: LimitName, key: string): Promise<number | null> {
  try {
    await limiter(name).consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return seconds(error.msBeforeNext);
    throw error;
  }
}

/** Seconds until `key` may try again if its limit is used up, else null; counts nothing. */
export async function blockedFor(name: LimitName, key: string): Promise<number | null> {
  const res = await limiter(name).get(key);
  return res && res.consumedPoints >= LIMITS[name].points ? seconds(res.msBeforeNext) : null;
}

/** Counts one event (e.g. a failure) whatever the limit; answers how many the window holds now. */
export async function count(name: LimitName, key: string): Promise<number> {
  return (await limiter(name).penalty(key, 1)).consumedPoints;
}

/** Forgets what `key` used of a limit (e.g. after a successful sign-in). */
export async function forget(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key);
}

/** Gives back one point of `key`'s limit (an attempt that turned out not to count). */
export async function refund(name: LimitName, key: string): Promise<void> {
  await limiter(name)
    .reward(key, 1)
    .catch((e: unknown) => logger().warn({ limit: name, err: (e as Error).message }, 'rate limit refund failed'));
}

/**
 * Counts one attempt under each limit (in order; a refusal throws the 429 as consume does), then
 * runs the write; if the write throws (nothing was stored: the database refused it, say) the
 * attempts are given back, so a failed write never uses up anyone's limit.
 */
export async function limitedWrite<T>(limits: [LimitName, string][], write: () => Promise<T>): Promise<T> {
  for (const [name, key] of limits) await consume(name, key);
  try {
    return await write();
  } catch (error) {
    for (const [name, key] of limits) await refund(name, key);
    throw error;
  }
}

/** Forgets the limiters (their store, the connection pool, is closed with the database). */
export async function closeRateLimits() {
  limiters.clear();
}
