import { blockedFor, count, forget, LIMITS, take } from '~/lib/rate-limit.server';

/**
 * Wrong passwords are limited where they come from, so a stranger cannot lock an owner out
 * (docs/decisions/0005-sessions-and-security.md):
 * - per account and IP: LIMITS.signInFailAccountIp failures stop that place for the window,
 *   even with the right password;
 * - per account from all places: past LIMITS.signInFailAccount failures (a guesser with many
 *   addresses), every place gets one try per LIMITS.signInSlowAccountIp window: slowed, not
 *   blocked, so the owner still gets in;
 * - per IP, every attempt but those with the right password (LIMITS.signInIp, in the route).
 * Unknown addresses are counted the same way, so the answers do not tell which accounts exist.
 */
const pair = (email: string, ip: string) => `${email.toLowerCase()}|${ip}`;
const account = (email: string) => email.toLowerCase();

/** Seconds this place must wait before trying this account again, or null. */
export async function signInWait(email: string, ip: string): Promise<number | null> {
  const stopped = await blockedFor('signInFailAccountIp', pair(email, ip));
  if (stopped !== null) return stopped;
  if ((await blockedFor('signInFailAccount', account(email))) !== null) return take('signInSlowAccountIp', pair(email, ip));
  return null;
}

/**
 * Counts a wrong password; answers true when this failure is the one that starts limiting the
 * account (from this place, or from everywhere), i.e. when its owner should hear of it.
 */
export async function countSignInFailure(email: string, ip: string): Promise<boolean> {
  const [here, everywhere] = await Promise.all([count('signInFailAccountIp', pair(email, ip)), count('signInFailAccount', account(email))]);
  return here >= LIMITS.signInFailAccountIp.points || everywhere >= LIMITS.signInFailAccount.points;
}

/** The owner is told at most once per window, however many places are limited. */
export async function mayNotifyOwner(userId: string): Promise<boolean> {
  return (await take('signInNoticeAccount', userId)) === null;
}

/** A right password from this place clears this place's failures (not the account's). */
export async function signInSucceeded(email: string, ip: string) {
  await forget('signInFailAccountIp', pair(email, ip));
}

export const SIGN_IN_LIMIT_MINUTES = LIMITS.signInFailAccountIp.duration / 60;
