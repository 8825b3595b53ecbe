import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirectWithFlash } from '~/lib/flash.server';
import { verifyEmail } from '~/modules/identity/accounts.server';

/** The link in the verification mail. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const ok = token.length > 10 && token.length < 200 && (await verifyEmail(token));
  return ok
    ? redirectWithFlash('/signin', { kind: 'success', key: 'auth:verify.done' })
    : redirectWithFlash('/signin', { kind: 'error', key: 'auth:verify.invalid' });
}
