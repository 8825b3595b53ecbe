import { json } from '@remix-run/node';
import { db } from '~/lib/db.server';
import { requireUser } from '~/modules/identity/session.server';
import { recordableDepartments } from '../policy';

/**
 * Staff recording a request on someone's behalf (/staff/requests/new): anonymous visitors are
 * sent to sign in, signed-in people who may record for no department get 403.
 */
export async function requireRecorder(request: Request) {
  const user = await requireUser(request);
  const scope = recordableDepartments(user);
  if (!scope) throw json({ error: 'forbidden' }, { status: 403 });
  return { user, scope };
}

/**
 * The caller's own account, found by an e-mail address its owner has verified (so a typo or an
 * unverified sign-up never hands a request to someone else); banned and deleted accounts excluded.
 */
export async function accountByVerifiedEmail(email: string) {
  return db().user.findFirst({ where: { email, emailVerifiedAt: { not: null }, status: { in: ['active', 'suspended'] } }, select: { id: true } });
}
