import type { Caller } from '~/lib/caller.server';
import { limitedWrite } from '~/lib/rate-limit.server';
import type { SessionUser } from '~/modules/identity/session.server';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Posting limits: per IP, and per account (stricter in an account's first day). The post is
 * counted before `write` runs and given back if it throws: a post the database refused (full
 * disk, unreachable) does not count.
 */
export function limitPosting<T>(caller: Caller, user: SessionUser, write: () => Promise<T>): Promise<T> {
  const young = Date.now() - user.createdAt.getTime() < DAY;
  return limitedWrite(
    [
      ['postIp', caller.ip ?? 'unknown'],
      [young ? 'postNewAccount' : 'postAccount', user.id],
    ],
    write,
  );
}
