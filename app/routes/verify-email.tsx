import type { LoaderFunctionArgs } from '@remix-run/node';
import { callerOf } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { verifyEmail } from '~/modules/identity/sign-up.server';

/** The link in the verification mail. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const result = await verifyEmail(await callerOf(request, context), token);
  return result.ok
    ? redirectWithFlash('/signin', { kind: 'success', key: 'auth:verify.done' })
    : redirectWithFlash('/signin', { kind: 'error', key: 'auth:verify.invalid' });
}
