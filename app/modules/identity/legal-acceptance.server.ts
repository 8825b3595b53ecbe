import { redirect } from '@remix-run/node';
import type { Caller } from '~/lib/caller.server';
import { transaction } from '~/lib/db.server';
import { fail, ok, type Result } from '~/lib/result';
import { legalVersions } from '~/modules/site-pages/pages.server';
import { getUser } from './session.server';

/**
 * Changed terms for existing accounts (docs/decisions/0029-accepting-changed-terms.md): someone whose
 * accepted terms of use or privacy notice are older than the current ones is sent to
 * /accept-terms after signing in and before any write; pages they read carry a banner.
 */
export const ACCEPT_TERMS_PATH = '/accept-terms';

/** The posts a person may still make before accepting: accepting itself, leaving, the language, deleting the account. */
const OPEN_POSTS = new Set([ACCEPT_TERMS_PATH, '/signout', '/language', '/account/delete']);

/** The acceptance page, coming back to `to` afterwards. */
export function acceptTermsUrl(to: string) {
  return `${ACCEPT_TERMS_PATH}?${new URLSearchParams({ redirectTo: to })}`;
}

/**
 * Every form post goes through here (security.server checkForm): a signed-in person with terms to
 * accept is sent to accept them (303) rather than having the action run.
 */
export async function requireCurrentTerms(request: Request) {
  const url = new URL(request.url);
  if (OPEN_POSTS.has(url.pathname)) return;
  const user = await getUser(request);
  if (!user?.legalPending) return;
  // Back to the page the form was on, when it is ours (a form posts to its own page, mostly).
  const referer = request.headers.get('Referer');
  const from = referer && new URL(referer, url).origin === url.origin ? new URL(referer, url) : url;
  throw redirect(acceptTermsUrl(from.pathname + from.search), 303);
}

/**
 * Records that the signed-in person accepted the versions shown to them, as sign-up does (the
 * date and both versions on the account, which the data export includes). If either page changed
 * since it was shown, nothing is recorded: they are shown the newer text (conflict).
 */
export async function acceptTerms(caller: Caller, shown: { termsVersion: number; privacyVersion: number }): Promise<Result> {
  const user = caller.user;
  if (!user) return fail.forbidden();
  return transaction(async (tx) => {
    const current = await legalVersions(tx);
    if (current.termsVersion !== shown.termsVersion || current.privacyVersion !== shown.privacyVersion)
      return fail.conflict('pages:accept.changed');
    await tx.user.update({ where: { id: user.id }, data: { termsAcceptedAt: new Date(), ...current } });
    return ok();
  });
}
