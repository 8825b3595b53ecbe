import type { LoaderFunctionArgs } from '@remix-run/node';
import { callerOf } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { verifyEmail } from '~/modules/identity/sign-up.server';

/**
 * The link in the verification mail: on to sign-in, the address filled in (carried in the signed
 * flash cookie, never in the URL). The link does not sign in by itself: whoever chose the
 * password proves it, so a link mailed for an account someone else made never opens that account.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const result = await verifyEmail(await callerOf(request, context), token);
  return result.ok
    ? redirectWithFlash('/signin', { kind: 'success', key: 'auth:verify.done', values: { email: result.value.email } })
    : redirectWithFlash('/signin', { kind: 'error', key: 'auth:verify.invalid' });
}
