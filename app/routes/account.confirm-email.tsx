import type { LoaderFunctionArgs } from '@remix-run/node';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { confirmEmailChange } from '~/modules/identity/account-settings.server';
import { requireUser } from '~/modules/identity/guards.server';

/**
 * The link mailed to the new address. The person signs in first (the link brings them back
 * here), so the change needs both the new mailbox and the account's password.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const result = await confirmEmailChange(callerFor(user, context), token);
  return result.ok
    ? redirectWithFlash('/account', { kind: 'success', key: 'account:email.done' })
    : redirectWithFlash('/account', { kind: 'error', key: 'account:errors.linkInvalid' });
}
