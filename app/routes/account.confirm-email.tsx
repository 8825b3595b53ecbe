import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirectWithFlash } from '~/lib/flash.server';
import { confirmEmailChange } from '~/modules/identity/accounts.server';
import { requireUser } from '~/modules/identity/session.server';

/**
 * The link mailed to the new address. The person signs in first (the link brings them back
 * here), so the change needs both the new mailbox and the account's password.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const ok = token.length > 10 && token.length < 200 && (await confirmEmailChange(token, user.id));
  return ok
    ? redirectWithFlash('/account', { kind: 'success', key: 'account:email.done' })
    : redirectWithFlash('/account', { kind: 'error', key: 'account:errors.linkInvalid' });
}
