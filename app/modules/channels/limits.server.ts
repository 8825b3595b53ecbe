import { consume } from '~/lib/rate-limit.server';
import type { SessionUser } from '~/modules/identity/session.server';

const DAY = 24 * 60 * 60 * 1000;

/** Posting limits: per IP, and per account (stricter in an account's first day). */
export async function limitPosting(user: SessionUser, ip: string) {
  await consume('postIp', ip);
  const young = Date.now() - user.createdAt.getTime() < DAY;
  await consume(young ? 'postNewAccount' : 'postAccount', user.id);
}
