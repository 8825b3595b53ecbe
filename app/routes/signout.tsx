import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { callerOf } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { readSubmission } from '~/lib/submission.server';
import { ButtonOnlySchema } from '~/modules/identity/schemas';
import { clearSessionCookie } from '~/modules/identity/session.server';
import { signOut } from '~/modules/identity/sign-in.server';

export async function action({ request, context }: ActionFunctionArgs) {
  await readSubmission(request, ButtonOnlySchema);
  await signOut(await callerOf(request, context));
  return redirectWithFlash(
    '/',
    { kind: 'info', key: 'auth:signedOut' },
    { headers: { 'Set-Cookie': await clearSessionCookie() }, status: 303 },
  );
}

export function loader() {
  return redirect('/');
}
